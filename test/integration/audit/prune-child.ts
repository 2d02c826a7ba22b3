/**
 * The process the prune kill test kills: prunes the audit directory given as JSON on stdin and, at the
 * step it is told (after the Nth run file set aside, or after the commit), says so on stdout and waits to
 * be killed. Run as `node --import tsx prune-child.ts`.
 */
import { AuditStore } from '../../../electron/core/audit/audit-store';
import { pruneRuns } from '../../../electron/core/audit/retention';
import { readStdinJson } from '../child-input';

/** What the parent sends. */
export interface PruneChildInput {
  dir: string;
  olderThanMs: number;
  now: number;
  /** `moved:N` (after the Nth file set aside, before the commit) or `committed`. */
  stopAt: string;
}

async function main(): Promise<void> {
  const input = await readStdinJson<PruneChildInput>();
  let moved = 0;
  const stop = async (): Promise<void> => {
    process.stdout.write('stopped\n');
    setInterval(() => undefined, 1 << 30);
    await new Promise<never>(() => undefined);
  };
  await pruneRuns(new AuditStore({ dir: input.dir, legacyFile: null }), {
    olderThanMs: input.olderThanMs,
    minimumDays: null,
    now: input.now,
    onStep: async (step) => {
      if (step === 'moved' && input.stopAt === `moved:${++moved}`) await stop();
      if (step === 'committed' && input.stopAt === 'committed') await stop();
    },
  });
  process.stdout.write('finished\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
