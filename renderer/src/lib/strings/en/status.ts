/**
 * English: job status and bulk result names, keyed by the value the server or the run reports. Built from
 * the core's vocabulary (the words the CLI prints), so the English is written once; a translation gives
 * its own word for each key.
 */
import {
  JOB_OUTCOMES,
  JOB_STATUSES,
  outcomeLabel,
  statusLabel,
} from '../../../../../electron/shared/job-status';

/** Status and result names by key: `esriJobTimedOut` → `Timed out`, `already-gone` → `Already gone`. */
export const status = {
  statuses: Object.fromEntries(JOB_STATUSES.map((s) => [s, statusLabel(s)])) as Readonly<
    Record<(typeof JOB_STATUSES)[number], string>
  >,
  outcomes: Object.fromEntries(JOB_OUTCOMES.map((o) => [o, outcomeLabel(o)])) as Readonly<
    Record<(typeof JOB_OUTCOMES)[number], string>
  >,
};
