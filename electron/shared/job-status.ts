/**
 * The job status lists the renderer needs at run time, re-exported from the core's pure vocabulary so the
 * renderer imports them from the shared layer instead of keeping copies.
 */
export { ACTIVE_STATUSES, CANCELLABLE_STATUSES, JOB_STATUSES } from '../core/vocabulary';
export {
  JOB_OUTCOMES,
  outcomeLabel,
  parseOutcomeWord,
  parseStatusWord,
  statusLabel,
} from '../core/vocabulary';
