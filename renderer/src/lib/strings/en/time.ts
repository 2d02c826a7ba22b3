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
  aboutHours: (h: number, minutes: string) => `about ${h} h ${minutes} min`,
};
