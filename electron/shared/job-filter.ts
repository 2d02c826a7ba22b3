/**
 * The job filter the renderer's table applies, re-exported from the core's pure vocabulary so the table and
 * the `gpjobs` command line let exactly the same jobs through.
 */
export { jobMatcher, splitServiceId } from '../core/vocabulary';
export type { FilterableJob, JobCriteria, ServiceRef } from '../core/vocabulary';
