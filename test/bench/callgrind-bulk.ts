/**
 * Instructions per deleted job over real sockets, a count the machine's load hardly moves: the app's bulk
 * path (`BulkService` prepare and start, the client, the audit log, as `bulk_cpu_vs_bare_ratio` measures it),
 * the engine over the same clients without an audit log, and the bare loop (bare-loop.ts: plain undici),
 * each in a process of its own under `valgrind --tool=callgrind`, against simulators in another process
 * (not under valgrind). Each child lists the jobs left through the core (each side before it deleted its
 * share, so later sides and rounds list and hold fewer: app ~15,000, engine ~10,000, bare ~5,000 with the
 * defaults, which moves the collector's share; compare with the same `--sides` and `--repeat`), runs
 * `--warm-runs` runs of `--warmup` deletes in all, then counts the instructions of one run of `--jobs`
 * deletes only (`callgrind_control -i on/off` around it), per thread (`--separate-threads`): the main
 * thread's, and all threads' (V8's compiler and collector threads too). Sides run one after the other,
 * `--repeat` times; the end prints one JSON line with every count per job. Each child also logs the
 * connections it opened during the counted run (TLS handshakes are counted with it; none should be).
 *
 *   npx tsx test/bench/callgrind-bulk.ts [--jobs 2000] [--warmup 3000] [--warm-runs 3] [--servers 1]
 *     [--concurrency 4] [--sides app,engine,bare] [--repeat 1] [--idle-ms 0 [--idle-runs 0]] [--keep DIR]
 *     [--native [--node-args ARGS] [--jit-summary] [--gc-idle]]
 *
 * Read the main thread's count. Valgrind runs the child some 50 times slower, and V8's optimizing compiler
 * (on threads valgrind runs one at a time) lags behind: more of the code still runs in the baseline tier
 * than at full speed, so a count is no CPU figure and the ratio of two sides' counts is wider than their
 * CPU ratio; compare one side before and after a change. The other threads' counts are mostly that lagging
 * compiler. With one warm-up run the second run regeneralizes field types and recompiles (runJob among
 * them); three warm-up runs, as the benchmark's two warm-up rounds, leave the counted run past that.
 * `--native` runs the children on plain Node, uncounted, e.g. with `--node-args "--trace-opt --trace-deopt
 * --trace-gc"` to see what the JIT does; the child writes `[callgrind-bulk] idle before run N` (or `the
 * counted run`) as each idle spell starts and `count on`/`count off` around the counted run, so a trace
 * splits into idle spells, each with the run after it
 * (`--jit-summary` adds those three flags and prints one line per run instead: jit-runs.ts). An app
 * run after an idle spell (`--idle-ms` about as long as a benchmark leg waits, so the sites close the idle
 * connections) recompiles its hot path for one of two reasons, each seen on 2026-12-03 (3,000 jobs a run,
 * load 8-14; compiler-thread CPU in brackets):
 * - The first connections the process ever sees closed: the close path generalizes undici's fields
 *   (its parser's `ptr` from number to null on destroy, a dispatcher's closed/destroyed flags from constant to
 *   mutable when the agent drops the idle origin's pool), which deoptimizes the code that relied on them
 *   ("marking dependent code ... code dependencies": execute, wasm_on_*, resumeH1, writeH1, dispatch...).
 *   Once per process: the run after the first idle spell compiled 61-77 functions (226-637 ms), the run
 *   after the next one 13-14 (35-56 ms), as many as with no idle at all (`--idle-runs 1` shows it).
 * - A memory-reducer collection in the idle spell (`Mark-Compact (reduce)` in `--trace-gc`). A collection
 *   that reduces memory keeps no map that has no live object (V8's MarkCompactCollector::RetainMaps), and
 *   once the connections and the run have ended nothing holds the maps of sockets, parsers, timers, form
 *   handlers, flights, audit records...: every optimized function that checks one of them is dropped
 *   ("marking dependent code ... weak objects": 122-124 functions, ours, undici's and Node's), and the next
 *   run compiled 145-148 functions (1.1-1.4 s) against 13 the run before. With `--no-memory-reducer` the
 *   same schedule (`--idle-ms 13500 --idle-runs 4`, twice) showed no such event: 7-14 compiles a run. The
 *   bare loop's process meets both (4 functions dropped at its first close; 41 and 103 by reducer
 *   collections in two runs), so the event moves either side of `bulk_cpu_vs_bare_ratio`.
 * Such a collection costs two runs: undici's remade maps generalize again at their first close (the same 19
 * functions). Benchmark sizes (`--jit-summary --sides app --servers 3 --concurrency 8 --jobs 10000 --warmup
 * 3000 --warm-runs 2 --idle-ms 13700 --idle-runs 5`, 07:22): compiles 74, 5, 6, 167 (one reducing collection,
 * 121 dead-map drops), 64, 21; 07:32, 8 runs: none reducing. The reducer arms after a mark-compact that grew
 * committed memory 10 MB and starts when its 8 s timer finds allocation low: its phase picks the spell.
 * `--gc-idle` with `--node-args "--expose-gc --retain-maps-for-n-gc=0"`: a full collection ending each spell
 * that keeps no map without a live object, the event in every run (07:17, `--jobs 3000 --idle-ms 6000
 * --idle-runs 3`: 150, 128, 125 compiles; ~25 of run 2's 102 are ours: runJob, planJob, Flight, post...).
 * The child is this file bundled by esbuild as the benchmark is (build/bench.mjs: no `keepNames`).
 * `--keep DIR` keeps the callgrind files for `callgrind_annotate`: JIT code shows as `???`, V8's builtins,
 * runtime and collector, libuv and OpenSSL by name.
 */
import { exec, spawn } from 'node:child_process';
import diagnostics from 'node:diagnostics_channel';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startBulkRun } from '../../electron/core/bulk';
import { jobOperationsFrom } from '../../electron/core/bulk/client-operations';
import type { Job } from '../../electron/core/types';
import { bareDelete, openBareServers } from './bare-loop';
import { jobRefOf, listEachServer, openBenchCore } from './core-setup';
import type { BenchCore } from './core-setup';
import { jitRunLine, jitRuns } from './jit-runs';
import { jobCursor, loadAverage, numberArg, runScript } from './script-args';
import type { SimProcess } from './sim-fleet';
import { startFleet } from './sim-fleet';

type Side = 'app' | 'engine' | 'bare';
type Sim = Pick<SimProcess, 'url' | 'username' | 'password' | 'caPem' | 'jobs'>;

const HERE = path.dirname(fileURLToPath(import.meta.url));
const jobs = numberArg('jobs', 2000);
const warmup = numberArg('warmup', 3000);
const servers = numberArg('servers', 1);
const concurrency = numberArg('concurrency', 4);
const repeat = numberArg('repeat', 1);
const warmRuns = numberArg('warm-runs', 3);
const idleMs = numberArg('idle-ms', 0);
const idleRuns = numberArg('idle-runs', 0);
const gcIdle = process.argv.includes('--gc-idle') ? (globalThis as { gc?: () => void }).gc : undefined;
const argOf = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? undefined : process.argv[at + 1];
};
const log = (line: string): void => void process.stderr.write(`[callgrind-bulk] ${line}\n`);

/** Turns callgrind's instrumentation of this process on or off (the event loop keeps turning meanwhile). */
function instrument(on: boolean): Promise<void> {
  if (process.argv.includes('--native'))
    // Straight to the descriptor: a stream write here would run Node's stream code on a new kind of stream
    // (a file or pipe, not the TLS sockets) and deoptimize it in the middle of the traced run.
    return Promise.resolve(void writeSync(1, `[callgrind-bulk] count ${on ? 'on' : 'off'}\n`));
  const tick = setInterval(() => undefined, 2);
  return new Promise<void>((resolve, reject) =>
    exec(`callgrind_control -i ${on ? 'on' : 'off'} ${process.pid}`, (e) => {
      clearInterval(tick);
      if (e) reject(e);
      else resolve();
    }),
  );
}

/** One side's deletes in this process: warm-up first, then the counted batch. */
async function child(side: Side, sims: Sim[]): Promise<void> {
  const core = await openBenchCore(sims as SimProcess[], concurrency);
  const take = jobCursor(await listEachServer(core));
  const run = await sideRunner(side, core, sims);
  let connects = 0;
  diagnostics.subscribe('undici:client:connected', () => void connects++);
  // Warm-up runs first, as the benchmark's (the first runs of a process tier up and generalize maps).
  for (let w = 0; w < warmRuns; w++) await run(take(Math.ceil(warmup / warmRuns)));
  // `--idle-ms`: as long idle as a benchmark leg waits for the other side's (the sites then close the idle
  // connections, and the counted run opens them again). `--idle-runs N`: N uncounted runs of `--jobs`, each
  // after such an idle spell, before the counted one (the first connections the sites close run code
  // paths for the first time).
  for (let i = 0; i <= idleRuns; i++) {
    const name = i < idleRuns ? `run ${i + 1}` : 'the counted run';
    if (process.argv.includes('--native')) void writeSync(1, `[callgrind-bulk] idle before ${name}\n`);
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    // `--gc-idle`: a full collection at the spell's end (with `--node-args "--expose-gc
    // --retain-maps-for-n-gc=0"` it drops every map without a live object, as a memory-reducing one does).
    if (gcIdle) gcIdle();
    if (i < idleRuns) await run(take(jobs));
  }
  const counted = take(jobs);
  // The parent divides the count by `--jobs`: a short listing would understate it.
  if (counted.flat().length !== jobs)
    throw new Error(`${side}: ${counted.flat().length} of ${jobs} jobs left to count`);
  await instrument(true);
  const before = connects;
  await run(counted);
  await instrument(false);
  log(`${side}: ${connects - before} connections opened during the counted jobs`);
  await core.dispose();
}

/** How `side` deletes a batch of listed jobs (one array per server). */
async function sideRunner(
  side: Side,
  core: BenchCore,
  sims: Sim[],
): Promise<(batch: Job[][]) => Promise<void>> {
  const check = (deleted: number, n: number): void => {
    if (deleted !== n) throw new Error(`${side}: ${deleted} of ${n} jobs deleted`);
  };
  if (side === 'bare') {
    const bare = await openBareServers(sims as SimProcess[], concurrency);
    return async (batch) => {
      const b = await bareDelete(bare, batch, concurrency);
      check(b.jobs, batch.flat().length);
    };
  }
  const onProgress = (): void => undefined;
  if (side === 'app') {
    return async (batch) => {
      const held = await core.service.bulk.prepare('delete', batch.flat().map(jobRefOf));
      if (!held.ok) throw new Error(held.error.message);
      const started = await core.service.bulk.start(held.value.planId, { onProgress });
      if (!started.ok) throw new Error(started.error.message);
      const summary = await started.value.done;
      await core.service.bulk.settled();
      check(summary.counts.deleted, batch.flat().length);
    };
  }
  const operations = new Map();
  for (const p of core.profiles) {
    const c = await core.service.client(p.id);
    if (!c.ok) throw new Error(c.error.message);
    operations.set(p.id, jobOperationsFrom(c.value));
  }
  const profiles = core.profiles.map((p) => ({ id: p.id, name: p.name, concurrency, production: false }));
  return async (batch) => {
    const run = startBulkRun({ jobs: batch.flat(), action: 'delete', profiles, operations, onProgress });
    check((await run.done).counts.deleted, batch.flat().length);
  };
}

/** Instructions per job of a child: its main thread's, and all its threads'. */
interface Count {
  main: number;
  all: number;
}

/** Runs `side` in a child under callgrind; resolves its instructions per counted job. */
function measured(bundle: string, side: Side, simsFile: string, outFile: string): Promise<Count> {
  const args = [
    '--tool=callgrind',
    '--smc-check=all-non-file',
    '--instr-atstart=no',
    '--separate-threads=yes',
  ];
  args.push(`--callgrind-out-file=${outFile}`, process.execPath, bundle, '--child', side, '--sims', simsFile);
  for (const [k, v] of Object.entries({
    jobs,
    warmup,
    concurrency,
    'warm-runs': warmRuns,
    'idle-ms': idleMs,
    'idle-runs': idleRuns,
  }))
    args.push(`--${k}`, String(v));
  // `--native`: the child on plain Node, no count (to check what the JIT does, e.g. with `--node-args`).
  const native = process.argv.includes('--native');
  // `--jit-summary`: V8's traces of the child read into one line per run (jit-runs.ts), not printed.
  const summary = native && process.argv.includes('--jit-summary');
  const nodeArgs = (argOf('node-args') ?? '').split(' ').filter(Boolean);
  if (summary) nodeArgs.push('--trace-opt', '--trace-deopt', '--trace-gc');
  if (native) args.splice(0, args.indexOf(process.execPath) + 1, ...nodeArgs);
  else args.splice(args.indexOf(process.execPath) + 1, 0, ...nodeArgs);
  if (native) args.push('--native');
  if (process.argv.includes('--gc-idle')) args.push('--gc-idle');
  const p = spawn(native ? process.execPath : 'valgrind', args, {
    stdio: ['ignore', summary ? 'pipe' : 'inherit', 'pipe'],
  });
  const trace: Buffer[] = [];
  p.stdout?.on('data', (d: Buffer) => void trace.push(d));
  let err = '';
  p.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    for (const line of d.toString().split('\n')) if (line.startsWith('[callgrind-bulk]')) log(line.slice(17));
  });
  return new Promise((resolve, reject) =>
    p.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${side} child failed (${code}):\n${err.slice(-3000)}`));
      if (summary) for (const r of jitRuns(Buffer.concat(trace).toString())) log(`${side} ${jitRunLine(r)}`);
      if (native) return resolve({ main: 0, all: 0 });
      // One file per thread (`--separate-threads`), the main thread's first.
      const files = readdirSync(path.dirname(outFile))
        .filter((f) => f.startsWith(`${path.basename(outFile)}-`))
        .sort();
      const totals = files.map(
        (f) => /^totals:\s+(\d+)/m.exec(readFileSync(path.join(path.dirname(outFile), f), 'utf8'))?.[1],
      );
      if (totals.length === 0 || totals.includes(undefined))
        return reject(
          new Error(`${side}: a thread file without a totals line in ${files.join(', ') || 'none'}`),
        );
      resolve({ main: Number(totals[0]) / jobs, all: totals.reduce((a, b) => a + Number(b), 0) / jobs });
    }),
  );
}

async function main(): Promise<void> {
  const side = argOf('child') as Side | undefined;
  if (side) return child(side, JSON.parse(readFileSync(argOf('sims')!, 'utf8')) as Sim[]);
  const sides = (argOf('sides') ?? 'app,engine,bare').split(',') as Side[];
  const dir = argOf('keep') ?? mkdtempSync(path.join(os.tmpdir(), 'callgrind-bulk-'));
  mkdirSync(dir, { recursive: true });
  const bundle = path.join(HERE, `.callgrind-${process.pid}.mjs`);
  await build({
    entryPoints: [fileURLToPath(import.meta.url)],
    outfile: bundle,
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
  });
  const perServer =
    Math.ceil(((jobs * (1 + idleRuns) + warmup + warmRuns) * sides.length * repeat) / servers) + 10;
  const fleet = await startFleet({
    servers,
    jobs: perServer * servers,
    services: 10,
    latencyMs: 20,
    capacity: concurrency,
    seed: 11,
    sitesPerProcess: servers,
    warmUp: 3000,
  });
  const counts: Record<string, Count[]> = {};
  try {
    const simsFile = path.join(dir, 'sims.json');
    writeFileSync(simsFile, JSON.stringify(fleet.sims.map(({ child: _, ...s }) => s)));
    for (let r = 0; r < repeat; r++)
      for (const s of sides) {
        const perJob = await measured(bundle, s, simsFile, path.join(dir, `${s}-${r + 1}.callgrind`));
        (counts[s] ??= []).push({ main: Math.round(perJob.main), all: Math.round(perJob.all) });
        log(
          `${s} round ${r + 1}: ${Math.round(perJob.main)} instructions per job on the main thread, ${Math.round(perJob.all)} in all; load ${loadAverage()}`,
        );
      }
  } finally {
    await fleet.close();
    rmSync(bundle, { force: true });
    if (!argOf('keep')) rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify({ jobs, warmup, servers, concurrency, counts })}\n`);
}

runScript(main);
