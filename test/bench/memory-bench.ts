/**
 * Memory: peak RSS of a separate process that lists and holds every job of the simulators through the
 * app's core (see memory-child.ts). The child is bundled with esbuild and run by plain Node, as the app's
 * own code ships bundled, so a TypeScript loader's memory is not counted against the app.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { MemoryChildInput, MemoryChildOutput } from './memory-child';
import type { SimProcess } from './sim-fleet';
import { NODE_BUNDLE } from './sim-fleet';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'memory-child.ts');

/** What the memory benchmark measured: each child's figures and the median peak. */
export interface MemoryBenchResult {
  runs: MemoryChildOutput[];
  /** Median over the runs of each child's `maxRSS`. */
  peakRssMb: number;
}

/**
 * Runs `runs` children one after another (each a fresh process) and takes the median peak RSS. `listPath`:
 * the core's `listJobs`, or the app's `jobs.list` handler with its answer serialized (see memory-child.ts).
 */
export async function benchMemory(
  sims: readonly SimProcess[],
  concurrency: number,
  runs: number,
  listPath: MemoryChildInput['path'] = 'service',
): Promise<MemoryBenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gpjobs-bench-mem-'));
  try {
    const script = path.join(dir, 'memory-child.mjs');
    await build({
      entryPoints: [CHILD],
      outfile: script,
      ...NODE_BUNDLE,
      external: ['@github/keytar'],
      // Bundled CommonJS dependencies may call require(): give the ES module one.
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    });
    const outputs: MemoryChildOutput[] = [];
    for (let i = 0; i < Math.max(1, runs); i++)
      outputs.push(await runChild(script, sims, concurrency, listPath));
    const peaks = outputs.map((o) => o.peakRssMb).sort((a, b) => a - b);
    return { runs: outputs, peakRssMb: peaks[Math.floor((peaks.length - 1) / 2)]! };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runChild(
  script: string,
  sims: readonly SimProcess[],
  concurrency: number,
  listPath: MemoryChildInput['path'],
): Promise<MemoryChildOutput> {
  const child = spawn(process.execPath, ['--expose-gc', script], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const input: MemoryChildInput = {
    sims: sims.map(({ url, username, password, caPem, jobs }) => ({ url, username, password, caPem, jobs })),
    concurrency,
    path: listPath,
  };
  child.stdin.end(JSON.stringify(input));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const line = stdout.trim().split('\n').at(-1);
  if (code !== 0 || !line) throw new Error(`memory child failed (${code}): ${stderr.trim()}`);
  return JSON.parse(line) as MemoryChildOutput;
}
