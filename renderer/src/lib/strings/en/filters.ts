/** English: the active-filter chips and the ages they name. */

const unit = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Filter chip words. */
export const filters = {
  days: (n: number) => unit(n, 'day'),
  hours: (n: number) => unit(n, 'hour'),
  minutes: (n: number) => unit(n, 'minute'),
  listChip: (label: string, value: string) => `${label}: ${value}`,
  endedMoreThan: (age: string) => `Ended more than ${age} ago`,
  submittedMoreThan: (age: string) => `Submitted more than ${age} ago`,
  runningLongerThan: (age: string) => `Running longer than ${age}`,
  textChip: (text: string) => `Text: “${text}”`,
};
