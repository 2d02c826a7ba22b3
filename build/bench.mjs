// Runs the benchmark (test/bench/run.ts) on code compiled as the app ships it. `npm run bench -- ARGS`.
//
// The app's own code runs bundled by esbuild without `keepNames` (build/bundle.mjs). tsx, which runs
// TypeScript straight from source, compiles with `keepNames`: every named function or closure created at run
// time goes through a `__name(fn, "name")` call that defines a property on it. That is a cost per call the
// shipped app never pays, and the bulk engine creates closures per job, so measuring from source billed the
// engine for tsx. So the benchmark's entry is bundled here the same way (dependencies stay in node_modules,
// loaded as they are, both by the app's path and by the bare loop) into test/bench/, next to the sources,
// so every path the benchmark finds from its own location stays the same. tsx is still loaded (`--import tsx`)
// for what the benchmark loads from source on purpose: the e2e harness modules (the simulators and the memory
// child are bundled by the benchmark itself, see test/bench/sim-fleet.ts and memory-bench.ts).
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// BENCH_ENTRY runs another benchmark tool the same way, e.g. test/bench/list-replay.ts.
const entry = path.join(REPO, process.env.BENCH_ENTRY ?? path.join('test', 'bench', 'run.ts'));
const outfile = path.join(REPO, 'test', 'bench', `.run-${process.pid}.mjs`);

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  packages: 'external',
  platform: 'node',
  target: 'node20',
  format: 'esm',
  logLevel: 'warning',
});

const child = spawn(process.execPath, ['--import', 'tsx', outfile, ...process.argv.slice(2)], {
  cwd: process.cwd(),
  stdio: 'inherit',
});
const forward = (signal) => () => child.kill(signal);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, forward(signal));
child.on('exit', (code, signal) => {
  rmSync(outfile, { force: true });
  process.exitCode = code ?? (signal ? 1 : 0);
});
