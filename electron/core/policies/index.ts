/**
 * Clean-up policies and the server's own job retention: the public surface the core's front door re-exports.
 */
export { PolicyService } from './policy-service';
export type { PolicyPreview, PolicyServiceOptions } from './policy-service';
export { PolicyStore, POLICIES_FILE_NAME, managedPoliciesPath } from './store';
export type { PolicyImportReport, PolicyListing } from './store';
export { DEFAULT_POLICY_MAX_JOBS, MAX_POLICY_JOBS, parsePolicy, policySchema } from './schema';
export type { Policy, PolicyEntry, PolicyInput } from './schema';
export { compilePolicy, serviceRef } from './compile';
export { describeDuration, parseDurationText, MAX_AGE_MS } from './duration';
export { retentionLine } from './retention';
export type { ServerRetention } from './retention';
export { DEFAULT_GPJOBS_CMD, installedGpjobs, scheduleLines } from './schedule';
export type { GpjobsPaths, ScheduleLines } from './schedule';
export { describePolicyJobs } from './describe';
export { SERVER_CHANGES_FILE, describeRetention, retentionEdit, retentionFrom } from './retention-change';
export type { RetentionPlan, RetentionWish } from './retention-change';
