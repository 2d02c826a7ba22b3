/**
 * The server form's editable copy of a profile: defaults for a new server, client-side checks with
 * field-level messages, and the contract's ProfileInput it saves as. The backend normalises and validates
 * again (URLs in particular: paste anything, it returns the site root).
 */
import type { ProfileEntry, ProfileInput } from './contract-types';
import { nextServerColor } from '../../../electron/shared/server-colors';
import { t } from './strings';

/** What the form edits (the password has its own write-only field). */
export interface ProfileDraft {
  name: string;
  serverUrl: string;
  adminUrl: string;
  authMode: 'server' | 'portal';
  portalUrl: string;
  username: string;
  caCertPem: string | null;
  concurrency: number;
  color: string;
  production: boolean;
  /** Which service types' jobs are listed (three flags, so drafts compare field by field). */
  scanGp: boolean;
  scanMap: boolean;
  scanImage: boolean;
  /** Tags as typed: words separated by commas or spaces (policies select servers by them). */
  tags: string;
}

const SCANS = [
  ['scanGp', 'GPServer'],
  ['scanMap', 'MapServer'],
  ['scanImage', 'ImageServer'],
] as const;

/** Field → what is wrong with it. */
export type DraftErrors = Partial<Record<keyof ProfileDraft, string>>;

/** Default simultaneous requests per server (the backend's default too). */
export const DEFAULT_CONCURRENCY = 8;

/** The form's starting values: the profile's, or defaults for a new server. */
export function draftFromProfile(p: ProfileEntry | null, usedColors: readonly string[] = []): ProfileDraft {
  if (!p) {
    return {
      name: '',
      serverUrl: '',
      adminUrl: '',
      authMode: 'server',
      portalUrl: '',
      username: '',
      caCertPem: null,
      concurrency: DEFAULT_CONCURRENCY,
      color: nextServerColor(usedColors),
      production: false,
      scanGp: true,
      scanMap: true,
      scanImage: true,
      tags: '',
    };
  }
  return {
    name: p.name,
    serverUrl: p.serverUrl,
    adminUrl: p.adminUrl ?? '',
    authMode: p.authMode,
    portalUrl: p.portalUrl ?? '',
    username: p.username,
    caCertPem: p.caCertPem,
    concurrency: p.concurrency,
    color: p.color,
    production: p.production,
    // A profile without serviceTypes scans every type.
    scanGp: p.serviceTypes?.includes('GPServer') ?? true,
    scanMap: p.serviceTypes?.includes('MapServer') ?? true,
    scanImage: p.serviceTypes?.includes('ImageServer') ?? true,
    tags: (p.tags ?? []).join(', '),
  };
}

/** Field-level problems the form can spot before saving; empty when the draft may be saved. */
export function validateDraft(d: ProfileDraft): DraftErrors {
  const errors: DraftErrors = {};
  if (!d.name.trim()) errors.name = t.form.nameMissing;
  if (!d.serverUrl.trim()) errors.serverUrl = t.form.serverUrlMissing;
  if (d.authMode === 'portal' && !d.portalUrl.trim()) {
    errors.portalUrl = t.form.portalUrlMissing;
  }
  if (!d.username.trim()) errors.username = t.form.usernameMissing;
  if (!Number.isInteger(d.concurrency) || d.concurrency < 1 || d.concurrency > 64) {
    errors.concurrency = t.form.concurrencyRange;
  }
  if (!/^#[0-9a-fA-F]{6}$/.test(d.color)) errors.color = t.form.colorMissing;
  if (!d.scanGp && !d.scanMap && !d.scanImage) errors.scanGp = t.form.serviceTypesMissing;
  if (draftTags(d).some((tag) => !TAG.test(tag))) errors.tags = t.form.tagsInvalid;
  return errors;
}

/** A tag as the backend stores it: a word of letters, digits, "-" or "_" (checked again there). */
const TAG = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** The draft's tags: lower case, split on commas and spaces, each once. */
function draftTags(d: ProfileDraft): string[] {
  return [
    ...new Set(
      d.tags
        .toLowerCase()
        .split(/[\s,]+/)
        .filter(Boolean),
    ),
  ];
}

/** The contract's save payload for a draft (`id` when editing). */
export function toProfileInput(d: ProfileDraft, id?: string): ProfileInput {
  const optional = (s: string): string | null => (s.trim() ? s.trim() : null);
  const scanned = SCANS.filter(([flag]) => d[flag]).map(([, type]) => type);
  return {
    ...(id ? { id } : {}),
    name: d.name.trim(),
    serverUrl: d.serverUrl.trim(),
    adminUrl: optional(d.adminUrl),
    authMode: d.authMode,
    portalUrl: d.authMode === 'portal' ? optional(d.portalUrl) : null,
    username: d.username.trim(),
    caCertPem: d.caCertPem,
    concurrency: d.concurrency,
    color: d.color.toLowerCase(),
    production: d.production,
    ...(scanned.length < SCANS.length ? { serviceTypes: scanned } : {}),
    ...(draftTags(d).length ? { tags: draftTags(d) } : {}),
  };
}

/** Whether two drafts differ (unsaved edits: Test connection then tests the draft, saving nothing). */
export function draftChanged(a: ProfileDraft, b: ProfileDraft): boolean {
  return (Object.keys(a) as (keyof ProfileDraft)[]).some((k) => a[k] !== b[k]);
}

/** The parts of a profile its stored password is bound to (the backend's rule, host-change.ts). */
const PASSWORD_BOUND: readonly [keyof typeof t.credentials.boundParts, (d: ProfileDraft) => string][] = [
  ['serverUrl', (d) => d.serverUrl.trim()],
  ['adminUrl', (d) => d.adminUrl.trim()],
  ['authMode', (d) => d.authMode],
  ['portalUrl', (d) => (d.authMode === 'portal' ? d.portalUrl.trim() : '')],
  ['username', (d) => d.username.trim()],
  ['caCertPem', (d) => d.caCertPem ?? ''],
];

/**
 * What the edit changes of the things the stored password was entered for (its URLs, even only a port or
 * the scheme, the sign-in mode, the user name, the CA certificate), in words. Saving such an edit forgets
 * the stored password (the backend's rule), so the form says so before Save.
 */
export function storedPasswordChanges(saved: ProfileDraft, edited: ProfileDraft): string[] {
  return PASSWORD_BOUND.filter(([, part]) => part(saved) !== part(edited)).map(
    ([key]) => t.credentials.boundParts[key],
  );
}
