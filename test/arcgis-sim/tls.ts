/**
 * Self-signed TLS for the simulator: a throwaway CA and a server certificate it signs, made with the
 * `openssl` CLI (EC P-256 keys, SAN IP:127.0.0.1 + DNS:localhost), so clients are tested trusting a custom CA.
 *
 * Three `openssl` runs cost about 66 ms of CPU per simulator, and a test run starts hundreds. So a test
 * run's global set-up makes a pool of sets once (`makeTlsPool`) and names it in `ARCGIS_SIM_TLS_POOL`;
 * simulators then take the pool's sets in turn (each process from its own starting point), so up to
 * `TLS_POOL_SIZE` simulators started one after another still have as many different CAs. Each still gets
 * its own `caFile`, removed by `dispose`. Without the variable every simulator generates its own.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
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

/** The environment variable naming a directory made by {@link makeTlsPool}. */
export const TLS_POOL_ENV = 'ARCGIS_SIM_TLS_POOL';

/** How many sets {@link makeTlsPool} makes by default. */
export const TLS_POOL_SIZE = 8;

/** The files of one set in a pool's numbered subdirectory. */
const SET_FILES = ['ca.pem', 'server.pem', 'server.key'] as const;

/** Makes `size` sets of TLS material in `dir` (`0/`, `1/`, ...), for {@link TLS_POOL_ENV}. */
export async function makeTlsPool(dir: string, size = TLS_POOL_SIZE): Promise<void> {
  const sets = await Promise.all(Array.from({ length: size }, () => generateOwnTls()));
  await Promise.all(
    sets.map(async (tls, i) => {
      await mkdir(join(dir, String(i)), { recursive: true, mode: 0o700 });
      const texts = [tls.caPem, tls.certPem, tls.keyPem];
      await Promise.all(SET_FILES.map((name, f) => writeFile(join(dir, String(i), name), texts[f]!)));
      await tls.dispose();
    }),
  );
}

/** The next set of this process in the pool (each process starts at its own set). */
let nextSet = process.pid;
let poolSize: Promise<number> | null = null;

/** A CA and a server certificate for 127.0.0.1 and localhost: the pool's next set when one is named, else new. */
export async function generateTls(): Promise<SimTls> {
  const pool = process.env[TLS_POOL_ENV];
  if (!pool) return generateOwnTls();
  poolSize ??= readdir(pool).then((names) => names.length);
  const set = join(pool, String(nextSet++ % (await poolSize)));
  const [caPem, certPem, keyPem] = await Promise.all(
    SET_FILES.map((name) => readFile(join(set, name), 'utf8')),
  );
  const dir = await mkdtemp(join(tmpdir(), 'arcgis-sim-tls-'));
  await writeFile(join(dir, 'ca.pem'), caPem!);
  return {
    caPem: caPem!,
    caFile: join(dir, 'ca.pem'),
    certPem: certPem!,
    keyPem: keyPem!,
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Generates a CA and a server certificate for 127.0.0.1 and localhost, valid 30 days. */
async function generateOwnTls(): Promise<SimTls> {
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
