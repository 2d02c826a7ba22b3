/**
 * The bulk engine's public surface: plan, run, retry. The app and the CLI import from here.
 */
export {
  planBulk,
  eligibility,
  statusLabel,
  clampConcurrency,
  needsTypedConfirmation,
  TYPED_CONFIRMATION_THRESHOLD,
} from './plan';
export { startBulkRun } from './runner';
export type { BulkRun, BulkRunOptions } from './runner';
export { retryFailed, loadRetryPlan } from './retry-failed';
export type { RetryPlan, RetryOptions } from './retry-failed';
export { DEFAULT_RETRY, DEFAULT_BREAKER, isTransient, backoffDelay } from './retry-policy';
export { DEFAULT_PROGRESS_INTERVAL_MS } from './progress';
export { MESSAGES } from './job-result';
export { jobOperationsFrom } from './client-operations';
export type { JobClient } from './client-operations';
export type * from './types';
