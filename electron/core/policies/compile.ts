/**
 * A policy turned into what a run needs at one moment: the servers it covers (production ones only when it
 * says so), the server-side query that narrows the listing, and the one job predicate (`jobMatcher`) that
 * every listed job must pass, the same predicate the app's table and `gpjobs jobs` use.
 */
import { jobMatcher, serviceMatches } from '../job-filter';
import type { FilterableJob, JobCriteria, ServiceRef } from '../job-filter';
import type { AppError, GpService, JobQuery, JobStatus, ProfileEntry, Result } from '../types';
import { err, ok } from '../types';
import { ambiguousNameError, profilesNamed } from '../profiles/profile-name';
import { parseDurationText } from './duration';
import type { Policy } from './schema';
import { SERVER_TAG_PREFIX } from './schema';

/** Statuses of a job that is still running, for "running longer than". */
export const RUNNING_STATUSES: readonly JobStatus[] = [
  'esriJobNew',
  'esriJobSubmitted',
  'esriJobWaiting',
  'esriJobExecuting',
];

/** A policy compiled for one moment. */
export interface CompiledPolicy {
  policy: Policy;
  /** The servers it runs on. */
  profiles: ProfileEntry[];
  /** Servers it names or covers that are left out because they are production servers. */
  skippedProduction: string[];
  query: JobQuery;
  services: ServiceRef[];
  /** Whether a service of a server is listed at all (its name and type). */
  lists: (service: GpService) => boolean;
  criteria: JobCriteria;
  matches: (job: FilterableJob) => boolean;
}

/** `Tools/Buffer`, `Buffer`, `Tools/*` → a service reference (`*` = every service of the folder). */
export function serviceRef(text: string): ServiceRef {
  const at = text.indexOf('/');
  return at < 0 ? { folder: null, name: text } : { folder: text.slice(0, at), name: text.slice(at + 1) };
}

function ms(text: string | null): number | null {
  if (text === null) return null;
  const parsed = parseDurationText(text);
  return parsed.ok ? parsed.value : null;
}

/** The servers a `tag:NAME` entry covers now, or why none does. */
function taggedServers(
  policy: Policy,
  entry: string,
  profiles: readonly ProfileEntry[],
): Result<ProfileEntry[]> {
  const tag = entry.slice(SERVER_TAG_PREFIX.length).toLowerCase();
  const found = profiles.filter((p) => (p.tags ?? []).includes(tag));
  if (found.length) return ok(found);
  const known = [...new Set(profiles.flatMap((p) => p.tags ?? []))].map((t) => `"${t}"`).join(', ') || 'none';
  return err({
    kind: 'config',
    message: `Policy "${policy.name}" runs on servers tagged "${tag}", and no server carries that tag (tags in use: ${known}). Tag a server (gpjobs servers edit NAME --tags ${tag}) or edit the policy; nothing was changed.`,
  });
}

/** The servers a policy covers (names and tags, in the order given), or which name or tag covers none. */
function chooseServers(policy: Policy, profiles: readonly ProfileEntry[]): Result<ProfileEntry[]> {
  if (policy.servers === 'all') return ok([...profiles]);
  const chosen: ProfileEntry[] = [];
  const add = (p: ProfileEntry) => {
    if (!chosen.includes(p)) chosen.push(p);
  };
  for (const name of policy.servers) {
    if (name.toLowerCase().startsWith(SERVER_TAG_PREFIX)) {
      const tagged = taggedServers(policy, name, profiles);
      if (!tagged.ok) return tagged;
      tagged.value.forEach(add);
      continue;
    }
    const named = profilesNamed(profiles, name);
    if (named.length > 1) {
      const twins = ambiguousNameError(name, named);
      return err({ ...twins, message: `Policy "${policy.name}": ${twins.message} Nothing was changed.` });
    }
    const found = named[0];
    if (!found) {
      const known = profiles.map((p) => `"${p.name}"`).join(', ') || 'none';
      return err({
        kind: 'config',
        message: `Policy "${policy.name}" names server "${name}", which does not exist (known: ${known}). Edit the policy; nothing was changed.`,
      } satisfies AppError);
    }
    add(found);
  }
  return ok(chosen);
}

/** Compiles `policy` over `profiles` at time `now`. */
export function compilePolicy(
  policy: Policy,
  profiles: readonly ProfileEntry[],
  now: number,
): Result<CompiledPolicy> {
  const servers = chooseServers(policy, profiles);
  if (!servers.ok) return servers;
  const included = servers.value.filter((p) => policy.includeProduction || !p.production);
  const skippedProduction = servers.value.filter((p) => !included.includes(p)).map((p) => p.name);
  const older = ms(policy.olderThan);
  const running = ms(policy.runningLongerThan);
  let statuses = [...new Set(policy.statuses)];
  if (running !== null)
    statuses = statuses.length ? statuses.filter((s) => RUNNING_STATUSES.includes(s)) : [...RUNNING_STATUSES];
  if (running !== null && statuses.length === 0) {
    return err({
      kind: 'invalid-input',
      message: `Policy "${policy.name}" asks for running jobs but none of its statuses is a running one: no job can match.`,
    });
  }
  const cutoff = older === null ? null : now - older;
  const submittedCuts = [policy.age === 'submitted' ? cutoff : null, running === null ? null : now - running];
  const submittedBefore = submittedCuts.reduce<number | null>(
    (a, b) => (b === null ? a : a === null ? b : Math.min(a, b)),
    null,
  );
  const criteria: JobCriteria = {
    statuses,
    services: policy.services.map(serviceRef),
    serviceTypes: policy.serviceTypes,
    users: policy.user === null ? [] : [policy.user],
    machines: policy.machine === null ? [] : [policy.machine],
    submittedBefore,
    endedBefore: policy.age === 'ended' ? cutoff : null,
  };
  // A job that ended before the cutoff was submitted before it too, so the server query narrows by it.
  const endTime = [submittedBefore, policy.age === 'ended' ? cutoff : null].filter((t) => t !== null);
  const query: JobQuery = {
    ...(statuses.length ? { statuses } : {}),
    ...(endTime.length ? { endTime: Math.min(...endTime) } : {}),
    ...(policy.user ? { username: policy.user } : {}),
    ...(policy.machine ? { machineName: policy.machine } : {}),
  };
  return ok({
    policy,
    profiles: included,
    skippedProduction,
    query,
    services: criteria.services as ServiceRef[],
    lists: (s) =>
      serviceMatches(s, criteria.services ?? []) &&
      (policy.serviceTypes.length === 0 || policy.serviceTypes.includes(s.type)),
    criteria,
    matches: jobMatcher(criteria),
  });
}
