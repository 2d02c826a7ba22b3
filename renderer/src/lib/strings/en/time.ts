/** English: relative times, run speeds and time left, as the app chrome words them. */

/** Words of times and rates (numbers come in already formatted). */
export const time = {
  justNow: 'just now',
  secondsAgo: (s: number) => `${s} s ago`,
  minutesAgo: (m: number) => `${m} min ago`,
  hoursAgo: (h: number) => `${h} h ago`,
  daysAgo: (d: number) => `${d} d ago`,
  jobsPerSecond: (rate: number) => `${rate} jobs/s`,
  aboutSeconds: (s: number) => `about ${s} s`,
  aboutMinutes: (m: number) => `about ${m} min`,
  /** Compact durations for the table (parts come in zero-padded): `850ms`, `3m 07s`, `4d 03h`. */
  milliseconds: (ms: number) => `${ms}ms`,
  seconds: (s: number) => `${s}s`,
  minutesSeconds: (m: number, s: string) => `${m}m ${s}s`,
  hoursMinutes: (h: number, m: string) => `${h}h ${m}m`,
  daysHours: (d: number, h: string) => `${d}d ${h}h`,
  aboutHours: (h: number, minutes: string) => `about ${h} h ${minutes} min`,
};
