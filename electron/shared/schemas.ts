/**
 * Payload schemas for every IPC channel. Every payload is `unknown` until parsed here (CONTRIBUTING.md rule 5);
 * the bounds keep a compromised or buggy renderer from sending unbounded work.
 */
import { z } from 'zod';
import { JOB_STATUSES, SERVICE_TYPES } from '../core/vocabulary';
import { MAX_FILE_AGE_MINUTES } from './views';

/** Upper bounds on payload sizes. */
export const LIMITS = {
  id: 64,
  name: 100,
  url: 2048,
  username: 256,
  password: 1024,
  pem: 64 * 1024,
  importText: 2 * 1024 * 1024,
  service: 512,
  jobId: 128,
  jobsPerCall: 250_000,
  profilesPerCall: 100,
  text: 256,
} as const;

const id = z.string().min(1).max(LIMITS.id);
const jobStatus = z.enum(JOB_STATUSES);
const epochMs = z.number().int().min(0).max(8.64e15);

/** A profile as created or edited in the form (no secret; the password has its own channel). */
export const profileInputSchema = z.strictObject({
  id: id.optional(),
  name: z.string().trim().min(1).max(LIMITS.name),
  serverUrl: z.string().trim().min(1).max(LIMITS.url),
  adminUrl: z.string().trim().max(LIMITS.url).nullable().optional(),
  authMode: z.enum(['server', 'portal']),
  portalUrl: z.string().trim().max(LIMITS.url).nullable().optional(),
  username: z.string().trim().min(1).max(LIMITS.username),
  caCertPem: z.string().max(LIMITS.pem).nullable().optional(),
  concurrency: z.number().int().min(1).max(64).optional(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
  production: z.boolean().optional(),
  /** The service types whose jobs are listed; absent: every type. */
  serviceTypes: z.array(z.enum(SERVICE_TYPES)).min(1).max(SERVICE_TYPES.length).optional(),
  /** Tags that policies select the server by; the core checks each word. */
  tags: z.array(z.string().max(64)).max(20).optional(),
});

/** The input of profile save. */
export type ProfileInput = z.infer<typeof profileInputSchema>;

/** Server-side job filters. */
export const jobQuerySchema = z.strictObject({
  statuses: z.array(jobStatus).max(JOB_STATUSES.length).optional(),
  startTime: epochMs.optional(),
  endTime: epochMs.optional(),
  username: z.string().max(LIMITS.username).optional(),
  machineName: z.string().max(LIMITS.text).optional(),
});

/** A job named for an action. */
export const jobRefSchema = z.strictObject({
  profileId: id,
  service: z.string().min(1).max(LIMITS.service),
  jobId: z.string().min(1).max(LIMITS.jobId),
  status: z.string().max(64),
});

const profileIdPayload = z.strictObject({ profileId: id });
const policyName = z.string().trim().min(1).max(LIMITS.name);
const shortText = z.string().max(40).nullable().optional();

/** A clean-up policy as saved from the app; the core checks every value again (ages, services). */
export const policyInputSchema = z.strictObject({
  name: policyName,
  description: z.string().max(1000).optional(),
  enabled: z.boolean().optional(),
  servers: z.union([z.literal('all'), z.array(policyName).min(1).max(LIMITS.profilesPerCall)]).optional(),
  services: z.array(z.string().max(LIMITS.service)).max(1000).optional(),
  serviceTypes: z.array(z.enum(SERVICE_TYPES)).max(SERVICE_TYPES.length).optional(),
  statuses: z.array(jobStatus).max(JOB_STATUSES.length).optional(),
  olderThan: shortText,
  age: z.enum(['submitted', 'ended']).optional(),
  user: z.string().max(LIMITS.username).nullable().optional(),
  machine: z.string().max(LIMITS.text).nullable().optional(),
  runningLongerThan: shortText,
  action: z.enum(['delete', 'cancel']).optional(),
  maxJobs: z.number().int().min(1).max(1_000_000).optional(),
  includeProduction: z.boolean().optional(),
});
const runIdPayload = z.strictObject({ runId: id });
const planIdPayload = z.strictObject({ planId: id });
const bulkPayload = z.strictObject({
  action: z.enum(['delete', 'cancel']),
  jobs: z.array(jobRefSchema).min(1).max(LIMITS.jobsPerCall),
});

/** Every invoke channel's payload schema, by channel name (`namespace.method`). */
export const payloadSchemas = {
  'profiles.list': z.undefined(),
  'profiles.save': profileInputSchema,
  'profiles.remove': profileIdPayload,
  'profiles.import': z.strictObject({ text: z.string().max(LIMITS.importText) }),
  'profiles.export': z.strictObject({ profileIds: z.array(id).max(LIMITS.profilesPerCall).optional() }),
  'profiles.test': profileIdPayload,
  // The form's draft, tested without saving it; the password typed in the form, or none for the saved one.
  'profiles.testDraft': z.strictObject({
    profile: profileInputSchema,
    password: z.string().min(1).max(LIMITS.password).optional(),
  }),
  'profiles.diagnose': profileIdPayload,
  'credentials.set': z.strictObject({
    profileId: id,
    password: z.string().min(1).max(LIMITS.password),
    sessionOnly: z.boolean().optional(),
  }),
  'credentials.clear': profileIdPayload,
  'credentials.status': profileIdPayload,
  'jobs.discover': profileIdPayload,
  // With a listingId the jobs come as `jobs.page` events to the caller and the answer only counts them.
  'jobs.list': z.strictObject({ profileId: id, query: jobQuerySchema.optional(), listingId: id.optional() }),
  'jobs.detail': z.strictObject({
    profileId: id,
    service: z.string().min(1).max(LIMITS.service),
    jobId: z.string().min(1).max(LIMITS.jobId),
  }),
  'bulk.plan': bulkPayload,
  // A plan held by `bulk.plan`, by its id: the run is exactly what the user confirmed.
  'bulk.start': planIdPayload,
  'bulk.discard': planIdPayload,
  'bulk.pause': runIdPayload,
  'bulk.resume': runIdPayload,
  'bulk.abort': runIdPayload,
  'bulk.retryFailed': runIdPayload,
  'bulk.exportResults': z.strictObject({ runId: id, format: z.enum(['csv', 'json']) }),
  'bulk.listRuns': z.undefined(),
  'bulk.runResults': z.strictObject({ runId: id }),
  // Without keepDays: read the setting; with it (null: keep forever): save it and prune at once.
  'bulk.retention': z.strictObject({ keepDays: z.number().int().min(1).max(36_500).nullable().optional() }),
  'policies.list': z.undefined(),
  // With `replacing`: an edit of that policy (a rename keeps its place); without: a new one.
  'policies.save': z.strictObject({ policy: policyInputSchema, replacing: policyName.optional() }),
  'policies.remove': z.strictObject({ name: policyName }),
  'policies.import': z.strictObject({ text: z.string().max(LIMITS.importText) }),
  'policies.export': z.strictObject({ names: z.array(policyName).max(1000).optional() }),
  'policies.preview': z.strictObject({ name: policyName }),
  'policies.start': z.strictObject({ previewId: id }),
  'profiles.retention': profileIdPayload,
  // A change of the server's job retention: planned (apply false: the summary to confirm), or applied.
  'profiles.changeRetention': z.strictObject({
    profileId: id,
    cleanup: z.enum(['on', 'off']),
    maxFileAgeMinutes: z.number().int().min(1).max(MAX_FILE_AGE_MINUTES).optional(),
    apply: z.boolean(),
    // With apply: the `from` of the preview confirmed; the apply is refused if the server changed since.
    previewed: z
      .strictObject({
        directory: z.string().max(LIMITS.text),
        cleanupMode: z.string().max(LIMITS.text),
        maxFileAgeMinutes: z.number().nullable(),
      })
      .optional(),
  }),
  'app.openExternal': z.strictObject({ url: z.string().min(1).max(LIMITS.url) }),
} as const;

/** Every invoke channel name. */
export type InvokeChannel = keyof typeof payloadSchemas;

/** The parsed payload type of a channel. */
export type PayloadOf<C extends InvokeChannel> = z.infer<(typeof payloadSchemas)[C]>;
