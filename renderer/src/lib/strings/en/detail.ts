/** English: a job's detail panel (fields, actions, progress, messages, inputs and results). */

/** The detail panel's words. */
export const detail = {
  server: 'Server',
  service: 'Service',
  jobId: 'Job ID',
  status: 'Status',
  submitted: 'Submitted',
  ended: 'Ended',
  duration: 'Duration',
  user: 'User',
  machine: 'Machine',
  lastAction: 'Last action',
  none: '—',
  outcome: (label: string, message: string | undefined) => (message ? `${label}: ${message}` : label),
  copyId: 'Copy job ID',
  openAdmin: 'Open in Admin Directory',
  cancel: 'Cancel…',
  delete: 'Delete…',
  loading: 'Loading messages…',
  progress: 'Progress',
  progressText: (text: string, percent: number | undefined) =>
    percent !== undefined ? `${text} (${percent}%)` : text,
  messages: 'Messages',
  openRest: 'Open REST page',
  noMessages: 'The job reported no messages.',
  inputs: 'Inputs',
  results: 'Results',
  notRead: (message: string) => `Not read: ${message}`,
  error: 'Error',
  warning: 'Warning',
  information: 'Information',
};
