/**
 * The fields of a profile that take more than a type and a bound: its server, admin and portal URLs
 * (normalised, see url.ts), its trusted CA certificate (X.509 only, never a key), the service types it scans
 * and its tags. schema.ts builds the profile from them; each refuses bad input with a sentence the user can
 * act on.
 */
import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { parseServiceTypeWord } from '../service-types';
import type { Result, ServiceType } from '../types';
import { SERVICE_TYPES, ok } from '../types';
import { normalizePortalUrl, normalizeServerUrl } from './url';

/** Upper bound on the tags of one profile. */
export const MAX_PROFILE_TAGS = 20;
/** A tag: a short word of letters, digits, "-" or "_" (kept in lower case). */
export const PROFILE_TAG = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** Upper bound on a trusted CA bundle (a long chain is a few KiB). */
export const MAX_PEM_CHARS = 64 * 1024;

/** The site root, normalised (`https://host/arcgis`, see url.ts). */
export const serverUrlField = z
  .string()
  .max(2048)
  .transform((value, ctx) => {
    const r = normalizeServerUrl(value);
    if (r.ok) return r.value.serverUrl;
    ctx.addIssue({ code: 'custom', message: r.error.message });
    return z.NEVER;
  });

const optionalRootField = (normalize: (v: string) => Result<string>) =>
  z
    .string()
    .max(2048)
    .nullable()
    .optional()
    .transform((value, ctx) => {
      if (value === null || value === undefined || value.trim() === '') return null;
      const r = normalize(value);
      if (r.ok) return r.value;
      ctx.addIssue({ code: 'custom', message: r.error.message });
      return z.NEVER;
    });

/** A separate site root for admin calls (a Web Adaptor that blocks /admin), or null: admin calls go to `serverUrl`. */
export const adminUrlField = optionalRootField((v) => {
  const r = normalizeServerUrl(v);
  return r.ok ? ok(r.value.serverUrl) : r;
});
/** The portal root of a federated server, or null. */
export const portalUrlField = optionalRootField(normalizePortalUrl);

/**
 * Why PEM text is not a list of certificates, or null when every `BEGIN CERTIFICATE` block parses as an
 * X.509 certificate: a block whose body is anything else (a key, a request, garbage) is refused here,
 * where the user can fix it, instead of failing later inside TLS.
 */
export function pemProblem(pem: string): string | null {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0)
    return 'The CA certificate must be PEM text starting with -----BEGIN CERTIFICATE-----.';
  for (const [i, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch {
      const which = blocks.length > 1 ? `Block ${i + 1} of the CA certificate file` : 'The CA certificate';
      return `${which} is not a valid certificate: its body between the BEGIN and END lines does not decode as X.509.`;
    }
  }
  return null;
}

/** The CA bundle a server's TLS is checked against: certificates only, LF line ends, or null. */
export const pemField = z
  .string()
  .max(MAX_PEM_CHARS, { error: `The CA certificate is too long (over ${MAX_PEM_CHARS / 1024} KiB).` })
  .nullable()
  .optional()
  .transform((value, ctx) => {
    const pem = value?.trim();
    if (!pem) return null;
    if (/PRIVATE KEY-----/.test(pem)) {
      ctx.addIssue({ code: 'custom', message: 'That is a private key: paste only the CA certificate.' });
      return z.NEVER;
    }
    if (!/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(pem)) {
      ctx.addIssue({
        code: 'custom',
        message: 'The CA certificate must be PEM text starting with -----BEGIN CERTIFICATE-----.',
      });
      return z.NEVER;
    }
    const notCertificate = pemProblem(pem);
    if (notCertificate) {
      ctx.addIssue({ code: 'custom', message: notCertificate });
      return z.NEVER;
    }
    return `${pem.replace(/\r\n/g, '\n')}\n`;
  });

/**
 * The service types a profile scans: `gp`, `map`, `image` or the ArcGIS names, any case, at least one; kept
 * in one order without repeats. Absent means every type (what profiles written before the field scan).
 */
export const serviceTypesField = z
  .array(z.string().max(40))
  .max(10)
  .transform((words, ctx): ServiceType[] => {
    const types = new Set<ServiceType>();
    for (const word of words) {
      const type = parseServiceTypeWord(word);
      if (!type) {
        ctx.addIssue({ code: 'custom', message: `Unknown service type "${word}": use gp, map or image.` });
        return z.NEVER;
      }
      types.add(type);
    }
    if (types.size === 0) {
      ctx.addIssue({ code: 'custom', message: 'Scan at least one service type (gp, map or image).' });
      return z.NEVER;
    }
    return SERVICE_TYPES.filter((t) => types.has(t));
  })
  .optional();

/**
 * A profile's tags (`production`, `emea`): trimmed, lower case, without repeats, in the order given; an
 * empty list is left out (what profiles written before the field mean). Policies select servers by them.
 */
export const tagsField = z
  .array(z.string().max(64))
  .max(MAX_PROFILE_TAGS, { error: `Use at most ${MAX_PROFILE_TAGS} tags.` })
  .transform((words, ctx): string[] | undefined => {
    const tags: string[] = [];
    for (const word of words) {
      const tag = word.trim().toLowerCase();
      if (!PROFILE_TAG.test(tag)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${word}" is not a tag: use a word of up to 32 letters, digits, "-" or "_".`,
        });
        return z.NEVER;
      }
      if (!tags.includes(tag)) tags.push(tag);
    }
    return tags.length ? tags : undefined;
  })
  .optional();
