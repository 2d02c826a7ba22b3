/**
 * The rig's own cost: the bare loop's deletes (test/bench/bare-loop.ts, as the bulk part runs them: three
 * sites in one simulator process, concurrency 8, 20 ms latency, capacity 8, the process warmed up) and
 * what each pass costs the simulator process (CPU per request, from /proc) and this process (CPU per
 * request), with the pass's share of the ideal time ceil(N / (S x C)) x L. With `--against DIR` it runs a
 * second simulator (DIR/test/arcgis-sim/cli.ts, e.g. main's, unpacked with `git archive main test/arcgis-sim
 * | tar -x -C DIR`) and alternates the two pass by pass (A B B A …), so both see the same machine.
 *
 *   npx tsx test/bench/sim-cost.ts [--jobs 10000] [--pairs 3] [--against DIR [--against-node-args 'ARGS']]
 *                                  [--sim-prof DIR]
 *
 * `--against-node-args` runs the other simulator with these Node options (e.g. `--max-semi-space-size=32`);
 * `--against .` compares them on this checkout's simulator.
 * `--sim-prof DIR` has each simulator process write a CPU profile (DIR/this, DIR/against) when it exits.
 * Prints every pass with the load average, then the medians per simulator.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bareDelete, closeBareServers, openBareServers } from './bare-loop';
import type { BareServer } from './bare-loop';
import { idealBulkMs } from './bulk-bench';
import { median } from './report';
import { jobCursor, loadAverage, numberArg } from './script-args';
import { childrenOf, processCpuMs, simControl, startFleet } from './sim-fleet';
import type { SimFleet } from './sim-fleet';

const jobs = numberArg('jobs', 10_000);
const pairs = numberArg('pairs', 3);
const [servers, concurrency, latencyMs, capacity] = [3, 8, 20, 8];
const warmJobs = 1000;
const againstAt = process.argv.indexOf('--against');
const against = againstAt >= 0 ? process.argv[againstAt + 1] : undefined;
const nodeArgsAt = process.argv.indexOf('--against-node-args');
const againstNodeArgs = nodeArgsAt >= 0 ? process.argv[nodeArgsAt + 1]!.split(' ') : [];
const profAt = process.argv.indexOf('--sim-prof');
const profDir = profAt >= 0 ? path.resolve(process.argv[profAt + 1]!) : undefined;
const log = (line: string): void => void process.stderr.write(`[sim-cost] ${line}\n`);
const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'arcgis-sim', 'cli.ts');

interface Rig {
  name: string;
  fleet: SimFleet;
  bare: BareServer[];
  take: (n: number) => Array<Array<{ service: string; jobId: string }>>;
  passes: Array<{ share: number; clientMs: number; simMs: number; load: string }>;
}

async function open(name: string, cli: string, nodeArgs: string[] = []): Promise<Rig> {
  const perSite = Math.ceil((jobs * pairs * (against ? 1 : 2) + warmJobs) / servers) + 10;
  const fleet = await startFleet({
    servers,
    jobs: perSite * servers,
    services: 10,
    latencyMs,
    capacity,
    seed: 101,
    sitesPerProcess: servers,
    warmUp: 3000,
    cli,
    nodeArgs: [...nodeArgs, ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}/${name}`] : [])],
  });
  const bare = await openBareServers(fleet.sims, concurrency);
  const listed = await Promise.all(
    fleet.sims.map((sim) =>
      simControl<{ jobs: Array<{ service: string; jobId: string }> }>(sim, `jobs?limit=${perSite}`).then(
        (r) => r.jobs,
      ),
    ),
  );
  const take = jobCursor(listed);
  log(`${name}: simulator process ${childrenOf(fleet.sims)[0]!.child.pid}`);
  await bareDelete(bare, take(warmJobs), concurrency);
  return { name, fleet, bare, take, passes: [] };
}

async function pass(rig: Rig): Promise<void> {
  const [proc] = childrenOf(rig.fleet.sims);
  const load = loadAverage();
  const sim0 = processCpuMs(proc!.child.pid!);
  const b = await bareDelete(rig.bare, rig.take(jobs), concurrency);
  const sim1 = processCpuMs(proc!.child.pid!);
  if (b.failed > 0) throw new Error(`${rig.name}: ${b.failed} deletes refused`);
  const share = idealBulkMs(jobs, servers, concurrency, latencyMs) / b.ms;
  const figures = {
    share,
    clientMs: b.cpuMs / b.requests,
    simMs: sim0 === null || sim1 === null ? NaN : (sim1 - sim0) / b.requests,
    load,
  };
  rig.passes.push(figures);
  log(
    `${rig.name}: ${b.ms.toFixed(0)} ms, share of ideal ${share.toFixed(3)}, CPU per request: simulator ` +
      `${figures.simMs.toFixed(3)} ms, this process ${figures.clientMs.toFixed(3)} ms (load ${load})`,
  );
}

const rigs = [await open('this', HERE)];
if (against)
  rigs.push(await open('against', path.resolve(against, 'test', 'arcgis-sim', 'cli.ts'), againstNodeArgs));
try {
  for (let p = 0; p < pairs * (against ? 1 : 2); p++) {
    const order = p % 2 === 0 ? rigs : [...rigs].reverse();
    for (const rig of order) await pass(rig);
  }
  for (const rig of rigs) {
    const m = (f: (x: Rig['passes'][number]) => number) => median(rig.passes.map(f)).toFixed(3);
    process.stdout.write(
      `${rig.name}: share of ideal ${m((x) => x.share)}, simulator CPU ${m((x) => x.simMs)} ms/request, ` +
        `this process ${m((x) => x.clientMs)} ms/request (${rig.passes.length} passes, load now ${loadAverage()})\n`,
    );
  }
} finally {
  for (const rig of rigs) {
    await closeBareServers(rig.bare);
    await rig.fleet.close();
  }
}
