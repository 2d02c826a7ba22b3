/**
 * Standalone simulator: `npm run sim -- --port 0 --jobs 5000 --seed 1 [--services 6] [--latency-ms 20]
 * [--capacity 8] [--federated] [--http] [--context-path server] [--query-shape keyed] [--shapes-from report.json]
 * [--sites N] [--warm-up N]`. Prints exactly one JSON line on stdout per site ({"url","portalUrl","username","password",
 * "caFile"}) and serves until SIGINT/SIGTERM. `--sites N` hosts N sites in this one process (seeds
 * seed, seed + 1, …; each its own port, certificate and jobs), so a fleet of simulated servers fits a
 * machine with few cores (the benchmark's `--fleet`). `--warm-up N` first has a throwaway site answer N job
 * deletes in this process (see ./warm-up.ts), so the sites that print their lines serve with a warm JIT.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startSimulator } from './index';
import { QUERY_SHAPES, isQueryShape } from './query-shapes';
import { simOptionsFromReport } from './report-shapes';
import type { SimOptions, Simulator } from './types';
import { warmUp } from './warm-up';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    jobs: { type: 'string' },
    seed: { type: 'string' },
    services: { type: 'string' },
    'latency-ms': { type: 'string' },
    capacity: { type: 'string' },
    'token-lifetime-ms': { type: 'string' },
    'max-page-size': { type: 'string' },
    'job-duration-ms': { type: 'string' },
    'max-recorded': { type: 'string' },
    username: { type: 'string' },
    password: { type: 'string' },
    federated: { type: 'boolean' },
    http: { type: 'boolean' },
    'context-path': { type: 'string' },
    'query-shape': { type: 'string' },
    'shapes-from': { type: 'string' },
    sites: { type: 'string' },
    'warm-up': { type: 'string' },
  },
  strict: true,
});

function int(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`arcgis-sim: --${name} must be a non-negative number, got '${value}'\n`);
    process.exit(2);
  }
  return n;
}

const options: SimOptions = {
  https: !values.http,
  federated: values.federated ?? false,
};
const numeric: [keyof SimOptions, string][] = [
  ['port', 'port'],
  ['jobs', 'jobs'],
  ['seed', 'seed'],
  ['services', 'services'],
  ['latencyMs', 'latency-ms'],
  ['capacity', 'capacity'],
  ['tokenLifetimeMs', 'token-lifetime-ms'],
  ['maxPageSize', 'max-page-size'],
  ['jobDurationMs', 'job-duration-ms'],
  ['maxRecordedRequests', 'max-recorded'],
];
for (const [key, flag] of numeric) {
  const n = int(flag, values[flag as keyof typeof values] as string | undefined);
  if (n !== undefined) Object.assign(options, { [key]: n });
}
if (values.username) options.username = values.username;
if (values.password) options.password = values.password;
if (values['shapes-from'] !== undefined) {
  try {
    Object.assign(options, simOptionsFromReport(JSON.parse(readFileSync(values['shapes-from'], 'utf8'))));
  } catch (e) {
    process.stderr.write(`arcgis-sim: --shapes-from: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
}
if (values['context-path'] !== undefined) options.contextPath = values['context-path'];
if (values['query-shape'] !== undefined) {
  if (!isQueryShape(values['query-shape'])) {
    process.stderr.write(`arcgis-sim: --query-shape must be one of ${QUERY_SHAPES.join(', ')}\n`);
    process.exit(2);
  }
  options.queryShape = values['query-shape'];
}

const sites = Math.max(1, int('sites', values.sites) ?? 1);
if (sites > 1 && (options.port ?? 0) !== 0) {
  process.stderr.write('arcgis-sim: --sites needs --port 0 (each site gets its own port)\n');
  process.exit(2);
}
await warmUp(int('warm-up', values['warm-up']) ?? 0, options);
const sims: Simulator[] = [];
for (let i = 0; i < sites; i++) {
  const sim = await startSimulator({ ...options, seed: (options.seed ?? 1) + i });
  sims.push(sim);
  process.stdout.write(
    `${JSON.stringify({ url: sim.url, portalUrl: sim.portalUrl, username: sim.username, password: sim.password, caFile: sim.caFile })}\n`,
  );
}

let closing = false;
async function stop(): Promise<void> {
  if (closing) return;
  closing = true;
  await Promise.all(sims.map((sim) => sim.close()));
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
