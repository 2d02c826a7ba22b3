/** English: the app frame (top bar, side panel, dialogs, errors) and the words of counts and times. */
import { formatCount, plural } from '../../format';
import type { ServersSummary } from '../../servers-summary';

/** The app frame's words. */
export const app = {
  name: 'GP Job Admin',
  /** The top bar's line: the listed servers' jobs, then the servers not (yet) counted in them. */
  serversSummary: (s: ServersSummary): string => {
    const parts: string[] = [];
    if (s.listed > 0) {
      const inPart = s.inPart > 0 ? ` (${formatCount(s.inPart)} listed in part)` : '';
      parts.push(`${plural(s.jobs, 'job')} on ${plural(s.listed, 'server')}${inPart}`);
    }
    // The first part names the servers; after "… on 2 servers" a bare number reads as servers too.
    const servers = (n: number) => (parts.length > 0 ? formatCount(n) : plural(n, 'server'));
    if (s.loading > 0) {
      const soFar = s.loadingJobs > 0 ? ` ${formatCount(s.loadingJobs)} so far` : '';
      parts.push(`${servers(s.loading)} loading jobs…${soFar}`);
    }
    if (s.retrying > 0) parts.push(`${servers(s.retrying)} not answering, retrying…`);
    if (s.failed > 0) parts.push(`${servers(s.failed)} could not be listed`);
    if (s.withError > 0) parts.push(`${servers(s.withError)} with an error`);
    if (s.notLoaded > 0) parts.push(`${servers(s.notLoaded)} not loaded yet`);
    return parts.join(' · ');
  },
  runHistory: 'Run history',
  refreshAll: 'Refresh all',
  refreshAllTitle: 'Refresh all servers (F5)',
  jobPanel: (jobId: string) => `Job ${jobId}`,
  closeNamed: (what: string) => `Close ${what}`,
  closeEsc: 'Close (Esc)',
  close: 'Close',
  serversMessage: "Server's message",
  /** The system's words about a connection that got no answer (refused, timed out, TLS). */
  connectionDetail: 'Connection error',
  /** The system keychain's own words about a password it could not store or read. */
  keychainDetail: 'The keychain said',
};
