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
  /**
   * Servers without a listing whose reads are being retried (the sidebar says why). One whose listing has
   * read jobs and retries a page is loading, not here: it answered.
   */
  retrying: number;
  /** Servers whose last listing failed. */
  failed: number;
  /** Servers not listed whose only error is a connection event (a failed Test connection, say). */
  withError: number;
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
    retrying: 0,
    failed: 0,
    withError: 0,
    notLoaded: 0,
  };
  for (const { id } of servers.shownProfiles) {
    const load = servers.load(id);
    const { state, retrying } = serverStatus(load, servers.connections[id]);
    // Listed is the listing's own word: a later connection error (Test connection, discover, a bulk
    // action's listing) leaves its rows in the table, so they stay counted; the sidebar shows the error.
    if (load.loadedAt !== null && load.error === null) {
      summary.listed++;
      if (!load.loading && (load.failures.length > 0 || load.warnings.length > 0)) summary.inPart++;
      summary.jobs += servers.jobsByServer[id]?.length ?? 0;
    } else if (retrying && !(load.loading && (load.progress ?? 0) > 0)) summary.retrying++;
    else if (state === 'loading') {
      summary.loading++;
      summary.loadingJobs += load.progress ?? 0;
    } else if (load.error) summary.failed++;
    else if (state === 'error') summary.withError++;
    else summary.notLoaded++;
  }
  return summary;
}
