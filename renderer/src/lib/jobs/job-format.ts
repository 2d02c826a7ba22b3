/**
 * How job fields read in the table: status and outcome labels, compact dates, humanised durations.
 * Pure functions so the table, the overview and exports all word things the same way.
 */
import { ACTIVE_STATUSES, type Job } from './job-types';
import {
  outcomeLabel as coreOutcomeLabel,
  statusLabel as coreStatusLabel,
} from '../../../../electron/shared/job-status';
import { t } from '../strings';
import { appLocale } from '../strings/locale';

const ACTIVE = new Set<string>(ACTIVE_STATUSES);

/** A status as the app shows it: the catalogue's name for a known status, else the core's word. */
export function statusLabel(status: string): string {
  return Object.hasOwn(t.status.statuses, status)
    ? t.status.statuses[status as keyof typeof t.status.statuses]
    : coreStatusLabel(status);
}

/** A bulk result as the app shows it: the catalogue's name for a known result, else the core's word. */
export function outcomeLabel(outcome: string): string {
  return Object.hasOwn(t.status.outcomes, outcome)
    ? t.status.outcomes[outcome as keyof typeof t.status.outcomes]
    : coreOutcomeLabel(outcome);
}

/** A CSS-safe slug for a status (`esriJobTimedOut` → `timed-out`), used for `--gpja-status-<slug>`. */
export function statusSlug(status: string): string {
  const base = status.startsWith('esriJob') ? status.slice(7) : status;
  const slug = base
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-');
  return slug || 'unknown';
}

/** Whether a job is still in flight (its duration grows until now). */
export function isActiveStatus(status: string): boolean {
  return ACTIVE.has(status);
}

/**
 * How long a job ran, in ms: end − submitted; for a job still in flight, now − submitted.
 * Null when the server did not report the times needed.
 */
export function jobDuration(
  job: Pick<Job, 'status' | 'submittedTime' | 'endTime'>,
  now: number,
): number | null {
  if (job.submittedTime === null) return null;
  if (job.endTime !== null) return Math.max(0, job.endTime - job.submittedTime);
  return isActiveStatus(job.status) ? Math.max(0, now - job.submittedTime) : null;
}

/** A duration for people: `850ms`, `42s`, `3m 07s`, `2h 05m`, `4d 03h`. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return t.time.milliseconds(Math.round(ms));
  const s = Math.floor(ms / 1000);
  if (s < 60) return t.time.seconds(s);
  const m = Math.floor(s / 60);
  if (m < 60) return t.time.minutesSeconds(m, pad(s % 60));
  const h = Math.floor(m / 60);
  if (h < 24) return t.time.hoursMinutes(h, pad(m % 60));
  return t.time.daysHours(Math.floor(h / 24), pad(h % 24));
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string | undefined, style: 'short' | 'medium'): Intl.DateTimeFormat {
  const id = `${locale ?? ''}|${style}`;
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: style, timeStyle: style });
    formatters.set(id, f);
  }
  return f;
}

/** A compact, locale-aware date and time for a table cell (formatters are cached: 100k cells stay cheap). */
export function formatDate(ms: number | null, locale = appLocale()): string {
  return ms === null || !Number.isFinite(ms) ? '' : formatter(locale, 'short').format(ms);
}

/** The same date with seconds, for a tooltip. */
export function formatDateLong(ms: number | null, locale = appLocale()): string {
  return ms === null || !Number.isFinite(ms) ? '' : formatter(locale, 'medium').format(ms);
}
