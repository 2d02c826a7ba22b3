/**
 * What the top bar says about the shown servers: the jobs of those whose jobs are known, and how many
 * others are still loading (with the jobs they read so far), could not be listed or were never
 * loaded. Before, it counted every shown server ("N jobs on 3 servers") though one could not be listed.
 */
import { serverStatus, type ServerLoad } from './server-status';
import type { ConnectionStateView, Job } from './contract-types';

/** The shown servers by what the top bar can say of their jobs. */
export interface ServersSummary {
  /** The rows of the listed servers. */
  jobs: number;
  /** Servers whose jobs are known: listed (in full or in part), or being refreshed after a listing. */
  listed: number;
  /** Of `listed`, those listed only in part. */
  inPart: number;
  /** Servers loading their first listing (or loading again after a failed one). */
  loading: number;
  /** The jobs those servers' listings have read so far (what the sidebar says of each). */
  loadingJobs: number;
  /** Servers whose last listing failed. */
  failed: number;
  /** Servers never loaded. */
  notLoaded: number;
}

/** The shown servers' summary, from the same states the sidebar and the overview show. */
export function serversSummary(servers: {
  shownProfiles: readonly { id: string }[];
  load: (id: string) => ServerLoad;
  connections: Readonly<Record<string, ConnectionStateView | undefined>>;
  jobsByServer: Readonly<Record<string, readonly Job[]>>;
}): ServersSummary {
  const summary: ServersSummary = {
    jobs: 0,
    listed: 0,
    inPart: 0,
    loading: 0,
    loadingJobs: 0,
    failed: 0,
    notLoaded: 0,
  };
  for (const { id } of servers.shownProfiles) {
    const load = servers.load(id);
    const { state } = serverStatus(load, servers.connections[id]);
    const refreshing = state === 'loading' && load.loadedAt !== null && load.error === null;
    if (state === 'partial' || refreshing || (state === 'connected' && load.loadedAt !== null)) {
      summary.listed++;
      if (state === 'partial') summary.inPart++;
      summary.jobs += servers.jobsByServer[id]?.length ?? 0;
    } else if (state === 'loading') {
      summary.loading++;
      summary.loadingJobs += load.progress ?? 0;
    } else if (state === 'error') summary.failed++;
    else summary.notLoaded++;
  }
  return summary;
}
