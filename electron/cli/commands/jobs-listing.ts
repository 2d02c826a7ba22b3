/**
 * The listing step every `jobs` command starts with: build the filter, load and choose the profiles, list
 * the matching jobs on each server, and report what could not be listed (with the exit code it means).
 */
import type { JobAdminService } from '../../core';
import type { ExitCode } from '../exit-codes';
import { EXIT_USAGE, exitCodeFor } from '../exit-codes';
import type { JobFilter } from '../filters';
import { buildFilter } from '../filters';
import type { Gathered, GatherOptions } from '../gather';
import { gatherJobs, reportGatherProblems } from '../gather';
import type { CliIo } from '../io';
import { reportError } from '../io';
import type { FilterFlags } from '../options';
import { chooseProfiles, loadProfiles } from '../select';

/** The listing, or only an exit code when it could not even start. */
export interface Listing {
  code: ExitCode;
  gathered?: Gathered;
  filter?: JobFilter;
}

/**
 * Lists the jobs `flags` choose; `gathered` is absent when nothing could be listed at all. `options` may
 * stream the matching jobs page by page or leave the job cache alone (see GatherOptions).
 */
export async function listing(
  service: JobAdminService,
  io: CliIo,
  flags: FilterFlags,
  options: GatherOptions = {},
): Promise<Listing> {
  const filter = buildFilter(flags, io.now());
  if ('error' in filter) {
    reportError(io, { kind: 'invalid-input', message: filter.error });
    return { code: EXIT_USAGE };
  }
  const loaded = await loadProfiles(service, io);
  if (!loaded.ok) {
    reportError(io, loaded.error);
    return { code: exitCodeFor(loaded.error) };
  }
  const chosen = chooseProfiles(loaded.value, flags.server ?? []);
  if (!chosen.ok) {
    reportError(io, chosen.error);
    return { code: EXIT_USAGE };
  }
  const gathered = await gatherJobs(service, chosen.value, filter, io, options);
  const code = reportGatherProblems(gathered, filter, io);
  if (code === EXIT_USAGE || gathered.failedServers.length === gathered.names.size) return { code };
  return { code, gathered, filter };
}
