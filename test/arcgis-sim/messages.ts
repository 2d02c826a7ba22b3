/**
 * GP messages of a job, derived from its status and times the way a real GP service words them,
 * so 100,000 jobs need no stored message arrays.
 */
import type { JobRec } from './store';

/** One GP message. */
export interface GpMessage {
  type: string;
  description: string;
}

const INFO = 'esriJobMessageTypeInformative';
const WARN = 'esriJobMessageTypeWarning';
const ERROR = 'esriJobMessageTypeError';
const ABORT = 'esriJobMessageTypeAbort';

function when(ms: number): string {
  return new Date(ms).toUTCString();
}

/** The messages the REST job page and SimJob show for a job in its current status. */
export function jobMessages(job: JobRec): GpMessage[] {
  const info = (description: string): GpMessage => ({ type: INFO, description });
  const dir = `${job.svc.def.name.toLowerCase()}_gpserver/${job.jobId}`;
  const started = [
    info('Submitted.'),
    info('Executing...'),
    info(`Start Time: ${when(job.submittedTime)}`),
    info(`Running script ${job.task}...`),
    info(`Job directory: D:\\arcgisserver\\directories\\arcgisjobs\\${dir}\\scratch`),
  ];
  const elapsed = job.endTime === null ? 0 : (job.endTime - job.submittedTime) / 1000;
  switch (job.status) {
    case 'esriJobNew':
      return [];
    case 'esriJobSubmitted':
      return [info('Submitted.')];
    case 'esriJobWaiting':
      return [info('Submitted.'), info('Waiting for an available service instance.')];
    case 'esriJobExecuting':
      return started;
    case 'esriJobSucceeded':
      return [
        ...started,
        info(`Succeeded at ${when(job.endTime ?? 0)} (Elapsed Time: ${elapsed.toFixed(2)} seconds)`),
      ];
    case 'esriJobFailed':
      return [
        ...started,
        { type: ERROR, description: 'ERROR 000210: Cannot create output scratch.gdb\\output' },
        { type: ERROR, description: `Failed to execute (${job.task}).` },
        {
          type: ERROR,
          description: `Failed at ${when(job.endTime ?? 0)} (Elapsed Time: ${elapsed.toFixed(2)} seconds)`,
        },
      ];
    case 'esriJobTimedOut':
      return [
        ...started,
        { type: ABORT, description: 'The job exceeded the maximum usage time and was aborted.' },
      ];
    case 'esriJobCancelling':
      return [...started, { type: WARN, description: 'Cancel requested.' }];
    case 'esriJobCancelled':
      return [
        ...started,
        { type: WARN, description: 'Cancel requested.' },
        { type: WARN, description: 'Cancelled.' },
      ];
    default:
      return [info('Submitted.')];
  }
}
