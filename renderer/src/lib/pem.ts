/**
 * A client-side check of a CA certificate file, so a wrong file gets a friendly message before it is saved.
 * The main process validates again; this only catches the usual mistakes (DER, a key, a CSR, an empty file).
 */
import { t } from './strings';

/** Largest PEM the backend accepts (mirrors LIMITS.pem in electron/shared/schemas.ts). */
export const PEM_MAX_CHARS = 64 * 1024;

/** The outcome of checking a CA file: the normalised PEM and how many certificates it holds, or why not. */
export type PemCheck = { ok: true; pem: string; certificates: number } | { ok: false; message: string };

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Checks text read from a CA certificate file: one or more PEM `CERTIFICATE` blocks, nothing secret. */
export function checkPem(text: string): PemCheck {
  if (text.trim() === '') return fail(t.credentials.pemEmpty);
  if (text.length > PEM_MAX_CHARS) {
    return fail(t.credentials.pemTooLarge);
  }
  if (looksBinary(text)) {
    return fail(t.credentials.pemBinary);
  }
  const blocks = [...text.matchAll(BLOCK)];
  if (blocks.some((b) => b[1]!.includes('PRIVATE KEY'))) {
    return fail(t.credentials.pemPrivateKey);
  }
  const certs = blocks.filter((b) => b[1] === 'CERTIFICATE' || b[1] === 'TRUSTED CERTIFICATE');
  if (certs.length === 0) {
    const kind = blocks[0]?.[1];
    return fail(kind ? t.credentials.pemOtherBlock(kind.toLowerCase()) : t.credentials.pemNoCertificate);
  }
  const pems: string[] = [];
  for (const [, kind, body] of certs) {
    const b64 = body!.replace(/\s+/g, '');
    if (!BASE64.test(b64) || b64.length % 4 !== 0 || !decodes(b64)) {
      return fail(t.credentials.pemDamaged);
    }
    pems.push(`-----BEGIN ${kind}-----\n${wrap(b64)}\n-----END ${kind}-----`);
  }
  return { ok: true, pem: `${pems.join('\n')}\n`, certificates: pems.length };
}

/** How many certificates a stored PEM holds (0 for none), for "2 certificates trusted". */
export function countCertificates(pem: string | null): number {
  if (!pem) return 0;
  return [...pem.matchAll(BLOCK)].filter((b) => b[1] === 'CERTIFICATE' || b[1] === 'TRUSTED CERTIFICATE')
    .length;
}

function fail(message: string): PemCheck {
  return { ok: false, message };
}

function looksBinary(text: string): boolean {
  // DER read as text is full of control characters and U+FFFD replacement characters.
  const sample = text.slice(0, 512);
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) odd++;
  }
  return odd > 4;
}

function decodes(b64: string): boolean {
  try {
    return atob(b64).length > 0;
  } catch {
    return false;
  }
}

function wrap(b64: string): string {
  return b64.match(/.{1,64}/g)!.join('\n');
}
