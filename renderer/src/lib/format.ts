/**
 * Words and numbers for the app chrome: counts, plurals, relative times, rates and ETAs.
 * Pure functions (the clock is a parameter) so they are unit-tested and read the same everywhere.
 */

import { t } from './strings';
import { appLocale } from './strings/locale';

const counts = new Intl.NumberFormat(appLocale(), { maximumFractionDigits: 0 });

/** A whole number with the locale's grouping: `12,345`. */
export function formatCount(n: number): string {
  return counts.format(n);
}

/** A count with its noun, singular or plural: `1 job`, `12,345 jobs`. */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`;
}

/** How long ago something happened, coarsely: `just now`, `5 min ago`, `3 h ago`, `2 d ago`; '' when never. */
export function formatAgo(then: number | null, now: number): string {
  if (then === null || !Number.isFinite(then)) return '';
  const s = Math.max(0, Math.round((now - then) / 1000));
  if (s < 10) return t.time.justNow;
  if (s < 60) return t.time.secondsAgo(s);
  const m = Math.floor(s / 60);
  if (m < 60) return t.time.minutesAgo(m);
  const h = Math.floor(m / 60);
  if (h < 24) return t.time.hoursAgo(h);
  return t.time.daysAgo(Math.floor(h / 24));
}

/** A bulk run's speed: `42 jobs/s`, `0.5 jobs/s`, '' before there is one. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '';
  const shown = perSecond < 10 ? Math.round(perSecond * 10) / 10 : Math.round(perSecond);
  return t.time.jobsPerSecond(shown);
}

/** Time left: `about 45 s`, `about 3 min`, `about 1 h 05 min`; '' when unknown. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.ceil(seconds);
  if (s < 60) return t.time.aboutSeconds(s);
  const m = Math.round(s / 60);
  if (m < 60) return t.time.aboutMinutes(m);
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return t.time.aboutHours(h, rest < 10 ? `0${rest}` : String(rest));
}

/** Whole percent done, clamped to 0..100 (0 for an empty run). */
export function percentDone(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.floor((done / total) * 100)));
}

/** A job id shortened for a heading, keeping its start and end: `j4f2a…91be`. */
export function shortId(id: string, keep = 6): string {
  return id.length <= keep * 2 + 1 ? id : `${id.slice(0, keep)}…${id.slice(-keep)}`;
}
