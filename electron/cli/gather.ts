/**
 * Listing the jobs a command works on: every chosen server at once, each with its password prepared,
 * the server query narrowed to the wanted services, and every listed job checked against the filters.
 * A server that cannot be listed does not stop the others; it is reported and counted in the exit code.
 */
import type { JobAdminService, AppError, Job, ProfileEntry } from '../core';
import { preparePasswords } from './credentials';
import type { ExitCode } from './exit-codes';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, exitCodeFor, worstExit } from './exit-codes';
import type { JobFilter } from './filters';
import type { CliIo } from './io';
import { note, reportError } from './io';

/** The matching jobs of every server that answered, and what went wrong elsewhere. */
export interface Gathered {
  /** Matching jobs, server by server in the order chosen. */
  jobs: Job[];
  /** Profile name by id. */
  names: Map<string, string>;
  /** Servers that could not be listed at all. */
  failedServers: Array<{ profile: ProfileEntry; error: AppError }>;
  /** Services that could not be listed on servers that otherwise answered. */
  failedServices: Array<{ profile: ProfileEntry; service: string; error: AppError }>;
  /** Services listed only in part (capped, or changed while read): the run is partial. */
  partial: Array<{ profile: ProfileEntry; service: string; message: string }>;
  /** GP services queried across all servers. */
  services: number;
  /**
   * When the jobs were handed on page by page (`jobs` is then empty): how many matching jobs each service
   * handed on (keyed `profileId` NUL `service`), so a service that failed part way is reported truly.
   */
  streamed: Map<string, number> | null;
}

/** The key of a service of a server in `Gathered.streamed`. */
const serviceKey = (profileId: string, service: string): string => `${profileId}\u0000${service}`;

/** How `gatherJobs` hands the jobs on and whether the listing is kept for bulk plans. */
export interface GatherOptions {
  /**
   * Receives each page's matching jobs as soon as it is read (servers and services interleaved as they
   * answer), with the profile names by id, instead of `jobs`.
   */
  onJobs?: (jobs: Job[], names: ReadonlyMap<string, string>) => void;
  /** false: the service's job cache is left as it was (a command that never plans from it). Default true. */
  cache?: boolean;
}

/** Lists the jobs of `profiles` matching `filter` (see GatherOptions). */
export async function gatherJobs(
  service: JobAdminService,
  profiles: readonly ProfileEntry[],
  filter: JobFilter,
  io: CliIo,
  { onJobs, cache }: GatherOptions = {},
): Promise<Gathered> {
  const noPassword = await preparePasswords(service, profiles, io);
  const names = new Map(profiles.map((p) => [p.id, p.name]));
  const streamed = onJobs ? new Map<string, number>() : null;
  const handOn = (jobs: Job[]): void => {
    const matching = jobs.filter(filter.matches);
    for (const j of matching) {
      const key = serviceKey(j.profileId, j.service);
      streamed!.set(key, (streamed!.get(key) ?? 0) + 1);
    }
    if (matching.length) onJobs!(matching, names);
  };
  const listed = await Promise.all(
    profiles.map(async (profile) => {
      const missing = noPassword.get(profile.id);
      if (missing) return { profile, result: { ok: false as const, error: missing } };
      const result = await service.listJobs(profile.id, filter.query, {
        services: filter.wantsService,
        ...(onJobs ? { onJobs: handOn } : {}),
        ...(cache === false ? { cache } : {}),
      });
      return { profile, result };
    }),
  );
  const gathered: Gathered = {
    jobs: [],
    names,
    failedServers: [],
    failedServices: [],
    partial: [],
    services: 0,
    streamed,
  };
  for (const { profile, result } of listed) {
    if (!result.ok) {
      gathered.failedServers.push({ profile, error: result.error });
      continue;
    }
    gathered.services += result.value.services;
    // A loop, not push(...jobs): a server may hold hundreds of thousands of them.
    for (const j of result.value.jobs) if (filter.matches(j)) gathered.jobs.push(j);
    for (const f of result.value.failures) gathered.failedServices.push({ profile, ...f });
    for (const w of result.value.warnings) gathered.partial.push({ profile, ...w });
  }
  return gathered;
}

/** Prints what could not be listed (stderr) and returns the exit code it amounts to. */
export function reportGatherProblems(gathered: Gathered, filter: JobFilter, io: CliIo): ExitCode {
  let code: ExitCode = EXIT_OK;
  for (const { profile, error } of gathered.failedServers) {
    reportError(io, error, `server "${profile.name}"`);
    code = worstExit(code, exitCodeFor(error));
  }
  for (const { profile, service, error } of gathered.failedServices) {
    const shown = gathered.streamed?.get(serviceKey(profile.id, service)) ?? 0;
    const included = shown
      ? shown === 1
        ? 'the job listed before the error is included'
        : `the ${shown} jobs listed before the error are included`
      : 'its jobs are not included';
    reportError(io, error, `server "${profile.name}", service ${service} (${included})`);
    code = worstExit(code, EXIT_FAILED);
  }
  for (const { profile, message } of gathered.partial) {
    note(io, `gpjobs: server "${profile.name}", service ${message}`);
    code = worstExit(code, EXIT_FAILED);
  }
  const answered = gathered.failedServers.length < gathered.names.size;
  if (filter.services.length > 0 && answered && gathered.services === 0) {
    reportError(io, {
      kind: 'invalid-input',
      message: `No asynchronous GP service matches ${filter.services
        .map((s) => (s.folder === null ? s.name : `${s.folder}/${s.name}`))
        .join(', ')} on the chosen servers.`,
    });
    code = worstExit(code, EXIT_USAGE);
  }
  return code;
}
