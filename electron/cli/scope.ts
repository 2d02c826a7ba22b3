/**
 * What a delete or cancel must state before it runs: which servers (`--server` or `--all-servers`) and
 * which jobs (at least one filter, or `--all-jobs`), so a forgotten filter or a server added later never
 * widens a scheduled clean-up; and the `--max-jobs` cap that refuses an oversized plan before anything is
 * sent. Dry runs need neither: they change nothing.
 */
import { Option } from 'commander';
import type { FilterFlags } from './options';
import { intInRange } from './options';

/** The scope flags of delete and cancel. */
export interface ScopeFlags extends FilterFlags {
  allServers?: boolean;
  allJobs?: boolean;
  dryRun?: boolean;
}

/** The filter flags that narrow which jobs are touched. */
const FILTERS = ['status', 'service', 'type', 'user', 'machine', 'olderThan', 'since', 'until'] as const;

/** Whether any job filter was given. */
export function hasFilter(flags: FilterFlags): boolean {
  return FILTERS.some((f) => flags[f] !== undefined);
}

/** Why `flags` do not scope a real `action` run well enough, or null when they do (or it is a dry run). */
export function scopeProblem(flags: ScopeFlags, action: string): string | null {
  if (flags.dryRun) return null;
  if (!flags.server?.length && !flags.allServers) {
    return (
      `Name the servers to ${action} on: --server NAME[,NAME...], or --all-servers for every server ` +
      '(including any added later). Nothing was changed.'
    );
  }
  if (!hasFilter(flags) && !flags.allJobs) {
    return (
      `Give at least one filter (--status, --service, --type, --user, --machine, --older-than, --since, --until), ` +
      `or --all-jobs to ${action} every job on those servers, running ones included. Nothing was changed.`
    );
  }
  return null;
}

/** Why a plan of `eligible` jobs is over `maxJobs`, or null when there is no cap or it is within it. */
export function capProblem(eligible: number, maxJobs: number | undefined, action: string): string | null {
  if (maxJobs === undefined || eligible <= maxJobs) return null;
  return (
    `The plan would ${action} ${eligible} jobs, more than --max-jobs ${maxJobs}: refused, nothing was sent. ` +
    'Check the filters with --dry-run, or raise --max-jobs.'
  );
}

/** `--max-jobs N`: the cap of a run that would leave `done` jobs (deleted, cancelled, retried). */
export function maxJobsOption(done: string): Option {
  return new Option(
    '--max-jobs <n>',
    `refuse to start (exit 2, nothing sent) if more than n jobs would be ${done}`,
  ).argParser(intInRange(1, 100_000_000));
}
