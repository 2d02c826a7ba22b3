import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPem, countCertificates } from '../../../../renderer/src/lib/pem';

let dir: string;
let certPem: string;
let keyPem: string;
let certDer: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gpja-pem-'));
  const cert = join(dir, 'ca.pem');
  const key = join(dir, 'ca.key');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=Test CA',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  execFileSync('openssl', ['x509', '-in', cert, '-outform', 'der', '-out', join(dir, 'ca.der')]);
  certPem = readFileSync(cert, 'utf8');
  keyPem = readFileSync(key, 'utf8');
  // What File.text() yields for a DER file: its bytes decoded as UTF-8.
  certDer = new TextDecoder().decode(readFileSync(join(dir, 'ca.der')));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkPem', () => {
  it('accepts a PEM certificate and counts it', () => {
    const result = checkPem(certPem);
    expect(result).toMatchObject({ ok: true, certificates: 1 });
    if (result.ok) expect(countCertificates(result.pem)).toBe(1);
  });

  it('accepts a bundle of certificates with text around them', () => {
    const result = checkPem(`subject=CN = Test CA\n${certPem}\n# intermediate\n${certPem}`);
    expect(result).toMatchObject({ ok: true, certificates: 2 });
  });

  it('refuses a private key and says to keep it secret', () => {
    const result = checkPem(`${certPem}${keyPem}`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/private key/);
  });

  it('recognises a DER certificate and says how to convert it', () => {
    const result = checkPem(certDer);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/openssl x509 -inform der/);
  });

  it('refuses an empty file and a file without a certificate', () => {
    expect(checkPem('  \n')).toMatchObject({ ok: false, message: expect.stringMatching(/empty/) });
    expect(checkPem('hello')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/No PEM certificate/),
    });
  });

  it('names the kind of block when it is not a certificate', () => {
    const csr = '-----BEGIN CERTIFICATE REQUEST-----\nTUlJQg==\n-----END CERTIFICATE REQUEST-----\n';
    expect(checkPem(csr)).toMatchObject({ ok: false, message: expect.stringMatching(/certificate request/) });
  });

  it('refuses a certificate whose base64 is damaged', () => {
    const damaged = certPem.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!');
    expect(checkPem(damaged)).toMatchObject({ ok: false, message: expect.stringMatching(/damaged/) });
  });

  it('refuses files over 64 KB', () => {
    expect(checkPem(certPem.repeat(60))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/64 KB/),
    });
  });
});
