/** A job table over a list that streams in, for the table tests. */
import { JobTableState } from '../../../../../renderer/src/lib/jobs/job-table-state.svelte';
import type { Job } from '../../../../../renderer/src/lib/jobs/job-types';
import { Box } from '../reactive-box.svelte';

/** A table at the clock `now` over `initial`: set `grown` to the last list before setting `jobs` to the next. */
export function streamingTable(now: number, initial: readonly Job[] = []) {
  const jobs = new Box<readonly Job[]>(initial);
  const grown = new Box<readonly Job[] | null>(null);
  const source = {
    jobs: () => jobs.value,
    grownFrom: () => grown.value,
    results: () => new Map(),
    profileNames: () => new Map(),
    now: () => now,
  };
  return { jobs, grown, source, table: new JobTableState(source) };
}
