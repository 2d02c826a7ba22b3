/**
 * The bare loop in a process of its own, so each side of a pair pays only for its own garbage. In one
 * process the app's old-generation garbage (a listing's replaced job cache, a bulk run's promoted objects)
 * was collected by whichever leg crossed V8's limit next, often the bare loop's: in a 100,000-job listing
 * run the app's heap went 115 → 160 MB and back every other pair, and 3 of 9 bare passes ran the major
 * collection (other-thread CPU 71-81 ms against 9-33 in the others) while the app's legs after its first
 * ran none. The child runs the same bare-loop.ts code (bundled as the benchmark is, dependencies from
 * node_modules) and measures each pass itself; the parent only waits for its answer.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BareFigures } from './bare-loop';
import { NODE_BUNDLE } from './sim-fleet';
import type { SimProcess } from './sim-fleet';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** A simulator as the bare loop needs it (what crosses the IPC channel). */
type BareSim = Pick<SimProcess, 'url' | 'username' | 'password' | 'caPem'>;
type Jobs = ReadonlyArray<ReadonlyArray<{ service: string; jobId: string }>>;

/** What the parent asks the bare loop's process. */
type BareAsk =
  | { op: 'open'; sims: BareSim[]; concurrency: number }
  | { op: 'delete'; jobs: Jobs; concurrency: number }
  | { op: 'list'; services: ReadonlyArray<readonly string[]>; concurrency: number }
  | { op: 'close' };
/** A question to the bare loop's process, numbered for its answer. */
export type BareRequest = BareAsk & { id: number };

/** Its answer: a pass's figures, nothing (open, close), or the error it failed with. */
export interface BareReply {
  id: number;
  figures?: BareFigures;
  error?: string;
}

/** The bare loop's process, opened on a set of simulators. */
export interface BareProcess {
  /** Deletes `jobs[i]` on server `i`, `concurrency` at a time per server (see `bareDelete`). */
  delete(jobs: Jobs, concurrency: number): Promise<BareFigures>;
  /** Reads every job of `services[i]` on server `i` (see `bareList`); servers past the list are not read. */
  list(services: ReadonlyArray<readonly string[]>, concurrency: number): Promise<BareFigures>;
  /** Stops the process, having it close its pools first; resolves at once if it has already exited. */
  close(): Promise<void>;
  /** For tests: kills the process with `signal` and resolves once its exit has been seen here. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Bundles the child once per benchmark process, next to the sources so `undici` resolves from node_modules. */
let script: Promise<string> | null = null;
function childScript(): Promise<string> {
  script ??= (async () => {
    const outfile = path.join(HERE, `.bare-child-${process.pid}.mjs`);
    process.once('exit', () => rmSync(outfile, { force: true }));
    await build({
      entryPoints: [path.join(HERE, 'bare-child.ts')],
      outfile,
      packages: 'external',
      ...NODE_BUNDLE,
    });
    return outfile;
  })();
  return script;
}

/** Starts the bare loop's process and opens its pools to `sims` (`concurrency` + 2 connections each). */
export async function openBareProcess(
  sims: readonly SimProcess[],
  concurrency: number,
): Promise<BareProcess> {
  const child: ChildProcess = fork(await childScript(), [], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve: (r: BareReply) => void; reject: (e: Error) => void }>();
  let next = 0;
  child.on('message', (r: BareReply) => {
    const w = waiting.get(r.id);
    waiting.delete(r.id);
    if (r.error !== undefined) w?.reject(new Error(`bare loop: ${r.error}`));
    else w?.resolve(r);
  });
  // A child that dies (a crash, a signal) is recorded once: an ask after that rejects at once, and close()
  // has nothing to stop. A signal leaves exitCode null, so exitCode alone would not tell.
  let gone: string | null = null;
  let seeExit!: () => void;
  const exitSeen = new Promise<void>((resolve) => (seeExit = resolve));
  const rejectAll = (e: Error) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  child.once('exit', (code, signal) => {
    gone = `exited (${code ?? signal})`;
    rejectAll(new Error(`the bare loop's process ${gone}`));
    seeExit();
  });
  // Without a listener, an 'error' (a failed kill, a send on a closed channel) would crash the benchmark
  // past its finally blocks.
  child.on('error', (e) => rejectAll(new Error(`the bare loop's process: ${e.message}`)));
  const ask = (m: BareAsk): Promise<BareReply> => {
    if (gone) return Promise.reject(new Error(`the bare loop's process ${gone}`));
    return new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      child.send({ ...m, id }, (e) => {
        if (!e || !waiting.delete(id)) return;
        reject(new Error(`the bare loop's process ${gone ?? `could not be asked: ${e.message}`}`));
      });
    });
  };
  const figures = async (m: BareAsk) => (await ask(m)).figures!;
  const open = sims.map(({ url, username, password, caPem }) => ({ url, username, password, caPem }));
  try {
    await ask({ op: 'open', sims: open, concurrency });
  } catch (e) {
    child.kill();
    throw e;
  }
  return {
    delete: (jobs, c) =>
      figures({
        op: 'delete',
        jobs: jobs.map((js) => js.map(({ service, jobId }) => ({ service, jobId }))),
        concurrency: c,
      }),
    list: (services, c) => figures({ op: 'list', services, concurrency: c }),
    close: async () => {
      if (gone) return;
      await ask({ op: 'close' }).catch(() => undefined);
      if (child.connected) child.disconnect();
      await exitSeen;
    },
    kill: async (signal = 'SIGKILL') => {
      if (!gone) child.kill(signal);
      await exitSeen;
    },
  };
}
