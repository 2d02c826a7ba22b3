/**
 * The profiles file format (`{ version, profiles }`): a profile built from its fields (profile-fields.ts),
 * the file's bounds and its migrations.
 * One schema serves the user file, the managed file and import/export, so an export always imports back.
 * No field may hold a secret: unknown keys are stripped, and secret-looking ones are reported by name.
 */
import { z } from 'zod';
import { plainHttpProblem } from '../credentials/plain-http';
import type { AppError, Profile, Result } from '../types';
import { err, ok } from '../types';
import { SERVER_COLORS, nextServerColor } from '../../shared/server-colors';
import {
  adminUrlField,
  pemField,
  portalUrlField,
  serverUrlField,
  serviceTypesField,
  tagsField,
} from './profile-fields';

/**
 * The file format version this build reads and writes. 2: a profile may narrow the service types it scans
 * (`serviceTypes`); 3: a profile may carry `tags` that policies select servers by. An older app, which would
 * drop either silently, refuses the newer file instead.
 */
export const PROFILES_FILE_VERSION = 3;

/** Default simultaneous requests per server. */
export const DEFAULT_CONCURRENCY = 8;
/** Default profile colour. */
export const DEFAULT_COLOR: string = SERVER_COLORS[0];

/** Colours given in turn to new profiles saved without one (clear of the job status colours). */
export const PROFILE_COLORS: readonly string[] = SERVER_COLORS;

/** The first palette colour no existing profile uses (cycling when all are taken). */
export const nextProfileColor = nextServerColor;

/** Upper bound on the number of profiles in one file. */
export const MAX_PROFILES = 1000;

const PROFILE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** Field names that look like secrets: dropped wherever they appear, and reported on import. */
const SECRET_KEY = /pass(word|wd|phrase)?$|^pwd$|token|secret|credential|api[-_]?key|private[-_]?key/i;

/** What a create/edit form, an import entry or a managed entry provides: id optional, defaults filled. */
export const profileInputSchema = z
  .object({
    id: z
      .string()
      .regex(PROFILE_ID, { error: 'A profile id is 1 to 64 letters, digits, "-" or "_".' })
      .optional(),
    name: z
      .string()
      .trim()
      .min(1, { error: 'Enter a name.' })
      .max(100, { error: 'Use a name of at most 100 characters.' }),
    serverUrl: serverUrlField,
    adminUrl: adminUrlField,
    authMode: z
      .enum(['server', 'portal'], { error: 'Use "server" (ArcGIS Server) or "portal" (Portal for ArcGIS).' })
      .default('server'),
    portalUrl: portalUrlField,
    username: z
      .string()
      .trim()
      .min(1, { error: 'Enter the administrator user name.' })
      .max(256, { error: 'Use a user name of at most 256 characters.' }),
    caCertPem: pemField,
    concurrency: z
      .number({ error: 'Concurrency is a whole number from 1 to 64.' })
      .int({ error: 'Concurrency is a whole number from 1 to 64.' })
      .min(1, { error: 'Concurrency is 1 to 64.' })
      .max(64, { error: 'Concurrency is 1 to 64.' })
      .default(DEFAULT_CONCURRENCY),
    color: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, { error: 'Use a colour like #2f7dd1.' })
      .transform((c) => c.toLowerCase())
      .default(DEFAULT_COLOR),
    production: z.boolean().default(false),
    serviceTypes: serviceTypesField,
    tags: tagsField,
  })
  .superRefine((p, ctx) => {
    // No URL of a profile may need a password or token over plain http (see credentials/plain-http.ts).
    const problem = plainHttpProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A profile as a form or import provides it (before defaults). */
export type ProfileInput = z.input<typeof profileInputSchema>;
/** A validated profile input with defaults filled; `id` may still be missing. */
export type ParsedProfileInput = z.output<typeof profileInputSchema>;

/** A stored profile: the input schema with an id required. */
export const profileSchema = profileInputSchema.safeExtend({
  id: z.string().regex(PROFILE_ID, { error: 'A profile id is 1 to 64 letters, digits, "-" or "_".' }),
});

/** The profiles file as written by this version. */
export const profilesFileSchema = z.object({
  version: z.literal(PROFILES_FILE_VERSION),
  profiles: z.array(z.unknown()).max(MAX_PROFILES, { error: `At most ${MAX_PROFILES} profiles per file.` }),
});

/** Returns the secret-looking keys of an entry, so they can be dropped and reported. */
export function secretKeys(entry: unknown): string[] {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return [];
  return Object.keys(entry).filter((k) => k !== 'authMode' && SECRET_KEY.test(k));
}

/**
 * How a profile field is named to whoever typed it: the server form's labels, not the file's keys ("Server
 * URL: …", never "serverUrl: …"). `gpjobs servers add|edit` shows the same labels, though its options are
 * named otherwise (`--url`, `--auth`, `--types`, `--color`, `--ca-file`; see ../../cli/commands/server-edit.ts).
 * The window's own copies are in renderer/src/lib/strings/en/servers.ts: change both together.
 */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  id: 'Id',
  name: 'Name',
  serverUrl: 'Server URL',
  adminUrl: 'Admin URL',
  authMode: 'Sign in with',
  portalUrl: 'Portal URL',
  username: 'Username',
  caCertPem: 'CA certificate',
  concurrency: 'Concurrent requests',
  color: 'Colour',
  production: 'Production server',
  serviceTypes: 'List jobs of',
  tags: 'Tags',
};

/** Whether a message names a field by its key in a file (`serverUrl`) or by its label in the form. */
export type FieldNames = 'keys' | 'labels';

/** A plain message for a zod failure: "field: message; ...", the field by its file key or its label. */
export function describeZodError(error: z.ZodError, names: FieldNames = 'keys'): string {
  const parts = error.issues.map((issue) => {
    const message = issue.message.replace(/\.$/, '');
    if (!issue.path.length) return message;
    const key = issue.path.join('.');
    return `${(names === 'labels' && FIELD_LABELS[key]) || key}: ${message}`;
  });
  return `${parts.join('; ')}.`;
}

/** The version a newer app wrote, when `data` is such a file (never rewritten by this older one). */
export function newerFileVersion(data: unknown, current: number = PROFILES_FILE_VERSION): number | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const version = (data as Record<string, unknown>).version;
  return typeof version === 'number' && Number.isInteger(version) && version > current ? version : null;
}

/** Parses one profile (id required), returning the plain reason when it is invalid. */
export function parseProfile(entry: unknown): Result<Profile> {
  const r = profileSchema.safeParse(entry);
  if (r.success) return ok(r.data);
  return err({ kind: 'invalid-input', message: describeZodError(r.error) });
}

/**
 * Parses a profile input (id optional), returning the plain reason when it is invalid: with the fields by
 * their form labels for what an administrator typed (the form, `gpjobs servers add|edit`), by their keys
 * for an entry of a file (`names` 'keys': an import, the managed file).
 */
export function parseProfileInput(entry: unknown, names: FieldNames = 'labels'): Result<ParsedProfileInput> {
  const r = profileInputSchema.safeParse(entry);
  if (r.success) return ok(r.data);
  return err({ kind: 'invalid-input', message: describeZodError(r.error, names) });
}

/** Upgrades one version's file data to the next; keyed by the version it reads. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * File migrations: `MIGRATIONS[n]` turns a version-n file into version n+1. 1 → 2 changes no entry: a
 * version-1 profile has no `serviceTypes`, which means it scans every type, as it always did. 2 → 3 changes
 * no entry either: a profile without `tags` has none.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = { 1: (data) => data, 2: (data) => data };

/**
 * Brings parsed file data up to `current`, one migration at a time.
 * A file from a newer version is an error (never rewritten by an older app); a file without a version is invalid.
 */
export function migrateProfilesData(
  data: unknown,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  current: number = PROFILES_FILE_VERSION,
): Result<Record<string, unknown>> {
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return err(
      configError('The file is not a profiles file (expected an object with "version" and "profiles").'),
    );
  }
  let value = data as Record<string, unknown>;
  const found = value.version;
  if (typeof found !== 'number' || !Number.isInteger(found) || found < 1) {
    return err(configError('The file has no valid "version" number.'));
  }
  let version = found;
  if (version > current) {
    return err(
      configError(
        `The file was written by a newer GP Job Admin (file version ${version}, this one reads up to ${current}): update the app.`,
      ),
    );
  }
  while (version < current) {
    const step = migrations[version];
    if (!step)
      return err(configError(`The file is version ${version}, which this GP Job Admin cannot upgrade.`));
    value = step(value);
    version = version + 1;
    value = { ...value, version };
  }
  return ok(value);
}

function configError(message: string): AppError {
  return { kind: 'config', message };
}

/** Serialises profiles as a profiles file (stored and exported alike), with a trailing newline. */
export function serializeProfilesFile(profiles: readonly Profile[]): string {
  const clean = profiles.map((p) => profileSchema.parse(p));
  return `${JSON.stringify({ version: PROFILES_FILE_VERSION, profiles: clean }, null, 2)}\n`;
}
