/**
 * Each part of a run in a fresh child process of its own (`--part-child`), one after another. In one
 * process the later parts inherited the earlier ones' heap, handles and JIT state, and the fleet ran in the
 * same Chromium that had just shown six 100,000-job windows: the full run's fleet figures came out worse
 * than `--fleet` alone right after it (bulk 0.805 against 0.917, sort 619 against 371 ms). A child ends only
 * once its simulators and its Chromium have exited, so the next part starts on a machine the previous one
 * has left. The renderer is built once here and shared (`--renderer-dir`). A run of one part (`--fleet`,
 * `--only list`) runs it in a child too, so it measures in the same state as the full run: `--fleet` in
 * one process built the renderer there first (vite), which left that process's heap grown (its young
 * generation 1 -> 34 MB, the heap 5 -> 89 MB) before the listing the full run's fleet child lists fresh.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { BenchOptions, BenchPart } from './options';
import type { BenchResults } from './summary';
import { buildRenderer } from './table-bench';

/** The order parts run in (the audit log last: it writes gigabytes in the full run). */
const ORDER: readonly BenchPart[] = ['bulk', 'list', 'memory', 'table', 'fleet', 'audit'];

/** Flags of the parent's command line a child is given anew. */
const OWN_FLAGS = new Set(['--only', '--out', '--renderer-dir']);

let running: ChildProcess | null = null;
/** Stops the part running now (the parent is exiting). */
export function stopRunningPart(): void {
  if (running && running.exitCode === null) running.kill('SIGTERM');
}

/** The parent's arguments without the flags each child gets its own value of. */
function inheritedArgs(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!.split('=')[0]!;
    if (!OWN_FLAGS.has(flag)) out.push(argv[i]!);
    else if (!argv[i]!.includes('=')) i++; // its value is the next argument
  }
  return out;
}

function runChild(args: string[]): Promise<number | null> {
  // The same entry (bundled or from source) with the same Node flags (tsx's loader).
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  running = child;
  return new Promise((resolve) => {
    child.once('error', () => resolve(null));
    child.once('close', (code) => {
      running = null;
      resolve(code);
    });
  });
}

/**
 * Runs every part of `options` in its own child, in `ORDER`, and merges what each wrote into `results`
 * (figures, loads, notes, errors). A child that dies without writing its results is an error of its part.
 */
export async function measureInChildren(
  results: BenchResults,
  options: BenchOptions,
  argv: readonly string[],
  log: (line: string) => void,
): Promise<void> {
  // Each child's results go next to the run's (where `--profile` saves the table's profiles); read, removed.
  const dir = path.dirname(path.resolve(options.out));
  mkdirSync(dir, { recursive: true });
  let renderer = options.rendererDir;
  try {
    if (options.table && !renderer) renderer = await buildRenderer(log, options.profile);
    const notes = new Set(results.notes);
    // The table part without the table (smoke, --no-table) would only start simulators for nothing.
    const parts = ORDER.filter((p) => options.parts.has(p) && (p !== 'table' || options.table));
    for (const part of parts) {
      const out = path.join(dir, `.part-${process.pid}-${part}.json`);
      const args = [...inheritedArgs(argv), '--part-child', '--only', part, '--out', out];
      if (renderer && (part === 'table' || part === 'fleet')) args.push('--renderer-dir', renderer);
      log(`${part}: in a child process of its own`);
      const code = await runChild(args);
      let child: BenchResults;
      try {
        child = JSON.parse(readFileSync(out, 'utf8')) as BenchResults;
      } catch {
        results.errors[part] = `the ${part} part's process exited (code ${code}) without its results`;
        continue;
      } finally {
        rmSync(out, { force: true });
      }
      Object.assign(results, { [part]: child[part] });
      Object.assign(results.loads, child.loads);
      Object.assign(results.errors, child.errors);
      for (const note of child.notes) notes.add(note);
    }
    results.notes = [...notes];
    if (results.table && !options.rendererDir) results.table.rendererDir = 'built from the working tree';
  } finally {
    if (renderer && !options.rendererDir) rmSync(renderer, { recursive: true, force: true });
  }
}
