/**
 * The clean-up policy and its file format (`{ version, policies }`), shared by the user's `policies.json`,
 * the managed file IT provisions and import/export, so an export always imports back. A policy is stored
 * as an administrator would write it (`"olderThan": "30d"`, `"services": ["Tools/*"]`); it is compiled to
 * the one job filter when it runs (see compile.ts).
 */
import { z } from 'zod';
import { SERVER_TAG_PREFIX } from '../../shared/policy-servers';
import { PROFILE_TAG } from '../profiles/profile-fields';
import { describeZodError, newerFileVersion } from '../profiles/schema';
import type { AppError, Result } from '../types';
import { JOB_STATUSES, SERVICE_TYPES, err, ok } from '../types';
import { parseDurationText } from './duration';
import type { Policy } from './policy';

/** The file format version this build reads and writes. */
export const POLICIES_FILE_VERSION = 1;
/** Upper bound on the number of policies in one file. */
export const MAX_POLICIES = 200;
/** Upper bound on a policies file read into memory (the messages say 8 MiB). */
export const MAX_POLICIES_FILE_BYTES = 8 * 1024 * 1024;
/** The largest cap a policy may set on the jobs of one run. */
export const MAX_POLICY_JOBS = 1_000_000;
/** The cap of a policy saved without one: a clean-up that grows past it is refused, not run. */
export const DEFAULT_POLICY_MAX_JOBS = 1000;

const SERVERS_TEXT = { error: 'Use "all", or 1 to 1000 server names and tag:NAME entries.' };
const MAX_JOBS_TEXT = `The job cap is a whole number from 1 to ${MAX_POLICY_JOBS.toLocaleString('en-US')}.`;

const duration = z
  .string()
  .max(40)
  .nullable()
  .default(null)
  .superRefine((value, ctx) => {
    if (value === null) return;
    const parsed = parseDurationText(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error.message });
  });

/** Trimmed text of 1 to `max` characters; `what` names it in the messages ("a name", "a server name"). */
const nameText = (max: number, what: string) =>
  z
    .string({ error: `Enter ${what}.` })
    .trim()
    .min(1, { error: `Enter ${what}.` })
    .max(max, { error: `Use ${what} of at most ${max} characters.` });
const optionalText = z
  .string()
  .trim()
  .max(256, { error: 'Use at most 256 characters.' })
  .nullable()
  .default(null)
  .transform((v) => (v === '' ? null : v));

/** The prefix of a `servers` entry for every server carrying a tag (kept in shared/ for the app's dialog). */
export { SERVER_TAG_PREFIX };

/** A server profile name, or `tag:NAME` (the tag kept in lower case, as profiles store it). */
const serverText = nameText(200, 'a server name')
  .superRefine((v, ctx) => {
    const tag = v.toLowerCase().startsWith(SERVER_TAG_PREFIX) ? v.slice(SERVER_TAG_PREFIX.length) : null;
    if (tag !== null && !PROFILE_TAG.test(tag.trim().toLowerCase()))
      ctx.addIssue({
        code: 'custom',
        message: `"${v}" is not a server tag: use tag:WORD, a word of up to 32 letters, digits, "-" or "_".`,
      });
  })
  .transform((v) =>
    v.toLowerCase().startsWith(SERVER_TAG_PREFIX)
      ? `${SERVER_TAG_PREFIX}${v.slice(SERVER_TAG_PREFIX.length).trim().toLowerCase()}`
      : v,
  );

/** `NAME`, `FOLDER/NAME` or `FOLDER/*` (a `.GPServer` suffix is dropped). */
const serviceText = z
  .string()
  .trim()
  .max(256, { error: 'Use a service of at most 256 characters.' })
  .transform((v) => v.replace(/\.GPServer$/i, ''))
  .refine((v) => {
    const parts = v.split('/');
    return parts.length <= 2 && parts.every((p) => p.trim() !== '') && (parts.length === 2 || v !== '*');
  }, 'A service is NAME, FOLDER/NAME or FOLDER/* (every service of a folder).');

/** One policy as written in a file (defaults filled in, unknown keys dropped). */
export const policySchema = z.object({
  name: nameText(80, 'a name'),
  description: z
    .string()
    .trim()
    .max(1000, { error: 'Use a description of at most 1000 characters.' })
    .default(''),
  enabled: z.boolean().default(true),
  /** `all`, or server profile names (any case) and `tag:NAME` (every server carrying that tag when it runs). */
  servers: z
    .union([z.literal('all'), z.array(serverText).min(1, SERVERS_TEXT).max(1000, SERVERS_TEXT)], SERVERS_TEXT)
    .default('all'),
  services: z.array(serviceText).max(1000, { error: 'Name at most 1000 services.' }).default([]),
  /** Service types (GPServer, MapServer, ImageServer); empty: every type. */
  serviceTypes: z.array(z.enum(SERVICE_TYPES)).max(SERVICE_TYPES.length).default([]),
  statuses: z.array(z.enum(JOB_STATUSES)).max(JOB_STATUSES.length).default([]),
  /** Only jobs older than this, measured from submission or from their end (`age`). */
  olderThan: duration,
  age: z.enum(['submitted', 'ended']).default('submitted'),
  user: optionalText,
  machine: optionalText,
  /** Only jobs still running (submitted, waiting, executing) that were submitted longer ago than this. */
  runningLongerThan: duration,
  action: z.enum(['delete', 'cancel']).default('delete'),
  /** The plan is refused, before any request, when it would touch more jobs than this. */
  maxJobs: z
    .number({ error: MAX_JOBS_TEXT })
    .int({ error: MAX_JOBS_TEXT })
    .min(1, { error: MAX_JOBS_TEXT })
    .max(MAX_POLICY_JOBS, { error: MAX_JOBS_TEXT })
    .default(DEFAULT_POLICY_MAX_JOBS),
  /** Whether servers marked production are included (never by default). */
  includeProduction: z.boolean().default(false),
});

export type { Policy };
// The schema's output is exactly the plain type (a compile error here means they drifted apart).
const SAME: [z.output<typeof policySchema>, Policy] extends [Policy, z.output<typeof policySchema>]
  ? true
  : never = true;
void SAME;
/** A policy as given to save or import (defaults may be left out). */
export type PolicyInput = z.input<typeof policySchema>;

/** A policy as listed: whether IT provides it (read-only). */
export interface PolicyEntry extends Policy {
  managed: boolean;
}

/** Parses one policy, with the plain reason when it is invalid. */
export function parsePolicy(entry: unknown): Result<Policy> {
  const r = policySchema.safeParse(entry);
  if (r.success) return ok(r.data);
  return err({ kind: 'invalid-input', message: describeZodError(r.error) });
}

/** Whether two names name the same policy: names are unique trimmed and in any case, user and IT's alike. */
export function samePolicyName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

const fileSchema = z.object({
  version: z.literal(POLICIES_FILE_VERSION),
  policies: z.array(z.unknown()).max(MAX_POLICIES, { error: `At most ${MAX_POLICIES} policies per file.` }),
});

/** The raw entries of a policies file's text, or why it cannot be used (newer version, not JSON, wrong shape). */
export function parsePoliciesText(text: string): Result<unknown[]> {
  const bad = (message: string): Result<never> => err<never>({ kind: 'config', message } as AppError);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return bad(`The file is not valid JSON (${(e as Error).message}).`);
  }
  const newer = newerFileVersion(data, POLICIES_FILE_VERSION);
  if (newer !== null) {
    return bad(
      `The file was written by a newer GP Job Admin (file version ${newer}, this one reads up to ` +
        `${POLICIES_FILE_VERSION}): update the app.`,
    );
  }
  const file = fileSchema.safeParse(data);
  if (!file.success)
    return bad(
      `The file is not a policies file ({"version": 1, "policies": [...]}): ${describeZodError(file.error)}`,
    );
  return ok(file.data.policies);
}

/** Serialises policies as a policies file (stored and exported alike), with a trailing newline. */
export function serializePolicies(policies: readonly Policy[]): string {
  const clean = policies.map((p) => policySchema.parse(p));
  return `${JSON.stringify({ version: POLICIES_FILE_VERSION, policies: clean }, null, 2)}\n`;
}
