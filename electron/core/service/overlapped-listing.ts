/**
 * A server's listing with its discovery overlapped: discovery (the admin root and folder listings, two
 * round trips at least) runs on every listing, so a Refresh notices a service added or removed, but when the
 * client already knows the server's services from an earlier discovery their jobs are queried at once while
 * it runs. Their pages are held back until discovery confirms the service: a service it no longer finds is
 * stopped and contributes nothing (no jobs, no failure), so no cache and no window ever sees its rows. A
 * service it newly finds is listed then. The first listing of a server, with nothing known, waits for
 * discovery as before, and a discovery that fails fails the listing with its own error.
 */
import { setMaxListeners } from 'node:events';
import type { ArcGisClient, JobBatch, JobList } from '../arcgis';
import type { ServiceJobs } from '../arcgis/job-query';
import type { GpService, JobQuery, Result } from '../types';
import { ok } from '../types';

/** The services a listing covers (in discovery's order) and what listing them gave. */
export interface DiscoveredListing {
  ids: string[];
  listed: JobList;
}

/** A service listed on the strength of an earlier discovery, until this one confirms or drops it. */
interface Early {
  stop: AbortController;
  /** Pages read before discovery confirmed the service; null once confirmed (pages then pass straight on). */
  held: JobBatch[] | null;
  /** Discovery no longer finds the service: whatever it still reads is dropped. */
  gone: boolean;
  result: Promise<Result<ServiceJobs>>;
}

/**
 * Lists the jobs matching `query` of the services discovery finds that `select` accepts, each page handed to
 * `onJobs` (see the module comment for the overlap with discovery).
 */
export async function listDiscovered(
  client: ArcGisClient,
  query: JobQuery,
  select: (service: GpService) => boolean,
  onJobs: (service: string, batch: JobBatch) => void,
): Promise<Result<DiscoveredListing>> {
  const pick = (services: readonly GpService[]) => services.filter(select).map((s) => s.id);
  const known = client.knownServices();
  const discovery = client.discoverServices();
  const early = new Map<string, Early>();
  for (const id of known ? pick(known) : []) early.set(id, startEarly(client, query, id, onJobs));
  const found = await discovery;
  if (!found.ok) {
    for (const e of early.values()) drop(e);
    await Promise.all([...early.values()].map((e) => e.result));
    return found;
  }
  const ids = pick(found.value);
  const confirmed = new Set(ids);
  for (const [id, e] of early) {
    if (!confirmed.has(id)) {
      drop(e);
      continue;
    }
    const held = e.held ?? [];
    e.held = null;
    for (const batch of held) onJobs(id, batch);
  }
  const fresh = ids.filter((id) => !early.has(id));
  const [late] = await Promise.all([
    fresh.length > 0 ? client.listEach(query, fresh, { onJobs }) : [],
    // Dropped services too: the listing ends with none of its requests still running.
    ...[...early.values()].map((e) => e.result),
  ]);
  const lateOf = new Map(fresh.map((id, i) => [id, late[i]!]));
  const results = await Promise.all(ids.map((id) => lateOf.get(id) ?? early.get(id)!.result));
  if (ids.length === 0) return ok({ ids, listed: { jobs: [], services: 0, failures: [], warnings: [] } });
  const listed = client.summarize(ids, results);
  return listed.ok ? ok({ ids, listed: listed.value }) : listed;
}

/** Starts listing a service discovery has yet to confirm, its pages held back meanwhile. */
function startEarly(
  client: ArcGisClient,
  query: JobQuery,
  id: string,
  onJobs: (service: string, batch: JobBatch) => void,
): Early {
  const stop = new AbortController();
  // Every page of the service queued for a request slot, in flight or waiting to retry listens to this one
  // signal: a service of many pages has dozens of listeners, expected and each removed when its page is done.
  setMaxListeners(0, stop.signal);
  const e: Early = { stop, held: [], gone: false, result: Promise.resolve(ok({ jobs: [], warnings: [] })) };
  const sink = (service: string, batch: JobBatch): void => {
    if (e.gone) return;
    if (e.held) e.held.push(batch);
    else onJobs(service, batch);
  };
  e.result = client.listEach(query, [id], { onJobs: sink, signal: stop.signal }).then((r) => r[0]!);
  return e;
}

/** Stops a service's early listing and forgets what it read. */
function drop(e: Early): void {
  e.gone = true;
  e.held = null;
  e.stop.abort();
}
