/** English: the app frame (top bar, side panel, dialogs, errors) and the words of counts and times. */
import { formatCount, plural } from '../../format';

/** The app frame's words. */
export const app = {
  name: 'GP Job Admin',
  jobsOnServers: (jobs: number, servers: number) =>
    `${formatCount(jobs)} jobs on ${plural(servers, 'server')}`,
  runHistory: 'Run history',
  refreshAll: 'Refresh all',
  refreshAllTitle: 'Refresh all servers (F5)',
  jobPanel: (jobId: string) => `Job ${jobId}`,
  closeNamed: (what: string) => `Close ${what}`,
  closeEsc: 'Close (Esc)',
  close: 'Close',
  serversMessage: "Server's message",
};
