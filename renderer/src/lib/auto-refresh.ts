/**
 * Optional auto-refresh per server: the intervals the user chose (off by default), which servers are due,
 * and which failures are new since the last look. Pure, so the timing rules are unit-tested; the
 * AutoRefresh class applies them. A refresh never starts while a bulk run is in flight.
 */
import type { Job } from './contract-types';
import { jobKey, type JobKey } from './jobs/job-types';
import { t } from './strings';

/** The intervals offered, in seconds (0 = off). */
export const AUTO_REFRESH_CHOICES: readonly { label: string; seconds: number }[] = [
  { label: t.servers.autoRefresh.off, seconds: 0 },
  { label: t.servers.autoRefresh.minute, seconds: 60 },
  { label: t.servers.autoRefresh.fiveMinutes, seconds: 300 },
  { label: t.servers.autoRefresh.quarter, seconds: 900 },
  { label: t.servers.autoRefresh.hour, seconds: 3600 },
];

/** Profile id → interval in seconds, from stored JSON (anything unreadable: none). */
export function parseIntervals(raw: string | null): Record<string, number> {
  try {
    const v: unknown = JSON.parse(raw ?? '{}');
    if (typeof v !== 'object' || v === null) return {};
    const out: Record<string, number> = {};
    for (const [id, s] of Object.entries(v))
      if (typeof s === 'number' && Number.isFinite(s) && s >= 1) out[id] = Math.round(s);
    return out;
  } catch {
    return {};
  }
}

/** The servers whose interval has passed since their last load; none while busy (a run, or loading). */
export function dueServers(
  intervals: Readonly<Record<string, number>>,
  loadedAt: (profileId: string) => number | null,
  now: number,
  busy: boolean,
): string[] {
  if (busy) return [];
  return Object.entries(intervals)
    .filter(([id, s]) => {
      const at = loadedAt(id);
      return at !== null && now - at >= s * 1000;
    })
    .map(([id]) => id);
}

const FAILED = new Set(['esriJobFailed', 'esriJobTimedOut']);

/** Failed or timed-out jobs in `after` that were not failed in `before`; none on a server's first load. */
export function newFailureKeys(before: readonly Job[] | undefined, after: readonly Job[]): JobKey[] {
  if (!before) return [];
  const known = new Set<JobKey>();
  for (const j of before) if (FAILED.has(j.status)) known.add(jobKey(j));
  const fresh: JobKey[] = [];
  for (const j of after) if (FAILED.has(j.status) && !known.has(jobKey(j))) fresh.push(jobKey(j));
  return fresh;
}

/** No highlighted failures. */
export const NO_KEYS: ReadonlySet<JobKey> = new Set();

/** The set with these keys added (the same set when there are none). */
export function withKeys(set: ReadonlySet<JobKey>, keys: readonly JobKey[]): ReadonlySet<JobKey> {
  return keys.length === 0 ? set : new Set([...set, ...keys]);
}
