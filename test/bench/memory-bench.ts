/**
 * Memory: peak RSS of a separate process that lists and holds every job of the simulators through the
 * app's core (see memory-child.ts).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MemoryChildInput, MemoryChildOutput } from './memory-child';
import type { SimProcess } from './sim-fleet';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'memory-child.ts');

/** Spawns the child, hands it the simulators and returns what it measured. */
export async function benchMemory(
  sims: readonly SimProcess[],
  concurrency: number,
): Promise<MemoryChildOutput> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const input: MemoryChildInput = {
    sims: sims.map(({ url, username, password, caPem, jobs }) => ({ url, username, password, caPem, jobs })),
    concurrency,
  };
  child.stdin.end(JSON.stringify(input));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const line = stdout.trim().split('\n').at(-1);
  if (code !== 0 || !line) throw new Error(`memory child failed (${code}): ${stderr.trim()}`);
  return JSON.parse(line) as MemoryChildOutput;
}
