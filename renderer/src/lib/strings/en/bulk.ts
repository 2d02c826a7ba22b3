/** English: bulk actions, the confirmation, the progress panel and the run history. */
import { formatCount, plural } from '../../format';

const jobs = (n: number): string => plural(n, 'job');

/** The bulk area's words. */
export const bulk = {
  // Action bar
  actions: 'Bulk actions',
  cancelTitle: (n: number) => `Cancel the ${formatCount(n)} submitted or executing jobs in the selection`,
  cancelNone: 'Only submitted or executing jobs can be cancelled; none are selected',
  cancelCount: (n: number) => (n > 0 ? `Cancel ${formatCount(n)}` : 'Cancel'),
  deleteCount: (n: number) => (n > 0 ? `Delete ${formatCount(n)}` : 'Delete'),
  // Confirmation
  confirmTitle: (del: boolean, n: number) => `${del ? 'Delete' : 'Cancel'} ${jobs(n)}?`,
  confirmVerb: (del: boolean) => (del ? 'Delete' : 'Cancel'),
  jobs,
  onServers: (n: number) => `on ${plural(n, 'server')}.`,
  byStatus: 'By status',
  stillRunning: (n: number) =>
    `${jobs(n)} ${n === 1 ? 'is' : 'are'} still running: ${n === 1 ? 'it is' : 'they are'} cancelled first, then deleted.`,
  willBeSkipped: (n: number, del: boolean) =>
    `${jobs(n)} will be skipped${del ? '' : ': only submitted or executing jobs can be cancelled'}.`,
  cannotUndo: 'Deleting jobs cannot be undone: their results and outputs are removed from the server.',
  byServerAndService: 'By server and service',
  typeToConfirm: 'Type',
  toConfirm: 'to confirm.',
  keepJobs: 'Keep jobs',
  confirmButton: (del: boolean, n: number) => `${del ? 'Delete' : 'Cancel'} ${jobs(n)}`,
  productionReason: (names: readonly string[]) =>
    names.length === 1
      ? `${names.join(', ')} is a production server.`
      : `${names.join(', ')} are production servers.`,
  manyJobsReason: 'This acts on more than 100 jobs.',
  dontCancel: "Don't cancel",
  // A plan made again after its start was refused
  replannedTitle: 'The plan was made again',
  replanned: (before: number, now: number) =>
    `Nothing was run: the first plan could no longer run, so it was made again from the jobs as they are now${now === before ? '' : ` (${jobs(now)} instead of ${formatCount(before)})`}. Check it before you confirm.`,
  replannedWhy: 'Why the first plan could not run',
  replannedNone: (del: boolean, why: string) =>
    `${why} Planned again: none of these jobs can be ${del ? 'deleted' : 'cancelled'} now, so nothing was run.`,
  // Jobs outside the view
  hiddenOf: (hidden: number, total: number) => `${formatCount(hidden)} of the ${jobs(total)}`,
  hiddenAre: (hidden: number, running: number) =>
    `${hidden === 1 ? 'is' : 'are'} outside the current view (hidden by filters)${running > 0 ? `, ${formatCount(running)} still running` : ''}.`,
  hideThem: 'Hide them',
  showHidden: (n: number) => (n === 1 ? 'Show it' : `Show all ${formatCount(n)}`),
  hiddenList: 'Jobs outside the current view',
  server: 'Server',
  service: 'Service',
  jobId: 'Job ID',
  status: 'Status',
  submitted: 'Submitted',
  andMore: (n: number) => `and ${formatCount(n)} more`,
  // Plan breakdown
  serverService: 'Server / service',
  statuses: 'Statuses',
  oldestNewest: 'Oldest – newest',
  jobsColumn: 'Jobs',
  skipped: 'Skipped',
  production: 'Production',
  running: (n: number) => `· ${formatCount(n)} running`,
  andMoreServices: (n: number) => `and ${formatCount(n)} more services`,
  span: (from: string, to: string) => (from === to ? from : `${from} – ${to}`),
  // Progress
  run: 'Bulk run',
  finished: (aborted: boolean, del: boolean, total: number) =>
    `${aborted ? 'Aborted' : 'Finished'}: ${del ? 'delete' : 'cancel'} of ${formatCount(total)} jobs`,
  paused: (del: boolean, total: number) =>
    `Paused: ${del ? 'deleting' : 'cancelling'} ${formatCount(total)} jobs`,
  working: (del: boolean, total: number) => `${del ? 'Deleting' : 'Cancelling'} ${formatCount(total)} jobs…`,
  doneOf: (done: number, total: number) => `${formatCount(done)} of ${formatCount(total)}`,
  left: (eta: string) => `· ${eta} left`,
  processed: (percent: number) => `Jobs processed: ${percent}%`,
  serverLines: 'Servers in this run',
  serverState: {
    running: 'Running',
    paused: 'Paused',
    'cooling-down': 'Not answering: waiting to probe',
    probing: 'Not answering: probing with one job',
    down: 'Gave up: not answering',
    finished: 'Done',
  },
  /** A server that asked (Retry-After) that nothing be sent before `time`. */
  waitingUntil: (time: string) => `Asked to wait until ${time} (Retry-After)`,
  resume: 'Resume',
  pause: 'Pause',
  abort: 'Abort',
  retryFailed: (n: number) => `Retry ${formatCount(n)} failed`,
  exportCsv: 'Export CSV',
  exportJson: 'Export JSON',
  closeRun: 'Close run panel',
  // History
  noRuns: 'No runs yet',
  noRunsMessage: 'Deletes and cancels you run appear here, with their results.',
  runTitle: (del: boolean, total: number) => `${del ? 'Delete' : 'Cancel'} ${formatCount(total)} jobs`,
  interruptedTitle: 'The app stopped before this run finished',
  interrupted: 'Interrupted',
  aborted: 'Aborted',
  didNotFinish: 'did not finish',
  stillRunningRun: 'still running',
  took: (duration: string) => `took ${duration}`,
  noResults: 'No results recorded',
  showResults: 'Show results',
  hideResults: 'Hide results',
  resultsOf: (title: string) => `Results of ${title}`,
  loadingResults: 'Loading results…',
  resultsShown: (shown: number, total: number) =>
    shown < total
      ? `Showing ${formatCount(shown)} of ${formatCount(total)} results, failures first; export them all as CSV or JSON.`
      : `${plural(total, 'result')}, failures first.`,
  unfinished: (n: number) => `${plural(n, 'job')} without a result (the run did not finish).`,
  result: 'Result',
  message: 'Message',
  // Retention
  keepRuns: 'Keep runs',
  forever: 'Forever',
  years: (n: number) => `${n} year${n === 1 ? '' : 's'}`,
  days: (n: number) => `${formatCount(n)} days`,
  removedRuns: (n: number) => `Removed ${formatCount(n)} older runs.`,
  minimumKeep: (label: string) => `Your organisation keeps runs for at least ${label.toLowerCase()}.`,
  everyRunKept:
    'Every run is kept. With a limit, older runs go after each run (interrupted ones only once retried or acknowledged).',
  olderRunsGo: 'Older runs go after each run; interrupted ones only once retried or acknowledged.',
};
