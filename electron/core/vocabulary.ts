/**
 * The core's pure vocabulary: job and profile types, the status and result words, and the one job filter.
 * No Node APIs, so the IPC contract in electron/shared (and through it the renderer) may import it; everything
 * else outside the core imports `electron/core/index.ts`, which re-exports this module.
 */
export * from './types';
export {
  JOB_OUTCOMES,
  STATUS_GROUPS,
  statusLabel,
  outcomeLabel,
  parseStatusWord,
  parseOutcomeWord,
} from './job-words';
export { freeTextChecks, freeTextOf, jobMatcher, serviceMatches, splitServiceId } from './job-filter';
export type { FilterableJob, FreeTextChecks, JobCriteria, ServiceRef } from './job-filter';
export type { Policy } from './policies/policy';
export {
  SERVICE_TYPE_LABELS,
  SERVICE_TYPE_WORDS,
  parseServiceTypeWord,
  serviceLabel,
  serviceTypeOf,
  splitServiceType,
  typedServiceId,
} from './service-types';
// What a bulk plan, a run's progress and the run history say: the IPC views are derived from these.
export type {
  BulkPlan,
  BulkProgressEvent,
  BulkSnapshot,
  JobResult,
  OutcomeCounts,
  PlanStatusCount,
  ServerLineState,
  ServerPlan,
  ServerProgress,
  ServicePlan,
} from './bulk/types';
export type { AuditCounts, AuditProfile, AuditRunInfo } from './audit/run-info';
