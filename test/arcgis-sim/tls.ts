/**
 * Self-signed TLS for the simulator: a throwaway CA and a server certificate it signs, made with the
 * `openssl` CLI (EC P-256 keys, SAN IP:127.0.0.1 + DNS:localhost), so clients are tested trusting a custom CA.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The generated material. Keys live only in memory; the directory keeps just the CA certificate. */
export interface SimTls {
  caPem: string;
  caFile: string;
  certPem: string;
  keyPem: string;
  /** Removes the temporary directory holding `caFile`. */
  dispose(): Promise<void>;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** Generates a CA and a server certificate for 127.0.0.1 and localhost, valid 30 days. */
export async function generateTls(): Promise<SimTls> {
  const dir = await mkdtemp(join(tmpdir(), 'arcgis-sim-tls-'));
  const path = (name: string): string => join(dir, name);
  try {
    await run('openssl', [
      'req',
      '-x509',
      ...EC,
      '-keyout',
      path('ca.key'),
      '-out',
      path('ca.pem'),
      '-days',
      '30',
      '-subj',
      '/CN=ArcGIS Simulator Test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    await run('openssl', [
      'req',
      '-new',
      ...EC,
      '-keyout',
      path('server.key'),
      '-out',
      path('server.csr'),
      '-subj',
      '/CN=localhost',
    ]);
    await writeFile(
      path('server.ext'),
      [
        'basicConstraints=CA:FALSE',
        'keyUsage=critical,digitalSignature,keyAgreement',
        'extendedKeyUsage=serverAuth',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ].join('\n'),
    );
    await run('openssl', [
      'x509',
      '-req',
      '-in',
      path('server.csr'),
      '-CA',
      path('ca.pem'),
      '-CAkey',
      path('ca.key'),
      '-CAcreateserial',
      '-out',
      path('server.pem'),
      '-days',
      '30',
      '-sha256',
      '-extfile',
      path('server.ext'),
    ]);
    const [caPem, certPem, keyPem] = await Promise.all(
      ['ca.pem', 'server.pem', 'server.key'].map((name) => readFile(path(name), 'utf8')),
    );
    await Promise.all(
      ['ca.key', 'ca.srl', 'server.key', 'server.csr', 'server.ext', 'server.pem'].map((name) =>
        rm(path(name), { force: true }),
      ),
    );
    return {
      caPem: caPem!,
      caFile: path('ca.pem'),
      certPem: certPem!,
      keyPem: keyPem!,
      dispose: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`arcgis-sim: could not generate TLS material with openssl: ${String(error)}`, {
      cause: error,
    });
  }
}
