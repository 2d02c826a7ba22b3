/**
 * The job filter the renderer's table applies, re-exported from the core's pure vocabulary so the table and
 * the `gpjobs` command line let exactly the same jobs through.
 */
export {
  SERVICE_TYPES,
  SERVICE_TYPE_LABELS,
  freeTextChecks,
  freeTextOf,
  jobMatcher,
  serviceLabel,
  serviceTypeOf,
  splitServiceId,
  splitServiceType,
} from '../core/vocabulary';
export type { FilterableJob, FreeTextChecks, JobCriteria, ServiceRef, ServiceType } from '../core/vocabulary';
