/**
 * A lock file shared by every process on the machine (the app, a scheduled `gpjobs`, a second `gpjobs`),
 * so a read-modify-write of the profiles file never loses another process's change. The lock is a file
 * created exclusively (`wx`) next to the locked file, holding the owner's pid, host and start time; it is
 * removed when the work is done. A lock whose owner died (same host, pid gone) or that is older than
 * `STALE_LOCK_MS` is taken over, so a crash never blocks the user for good.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AppError, Result } from '../types';
import { err } from '../types';
import { processAlive } from '../process-alive';

/** A lock held longer than this is taken to be left over from a crash (a profiles update takes milliseconds). */
export const STALE_LOCK_MS = 30_000;
/** An empty or unreadable lock older than this was left by a process killed between creating and writing it. */
export const EMPTY_LOCK_STALE_MS = 2_000;
/** How long a process waits for another one's lock before giving up with a clear error. */
export const LOCK_WAIT_MS = 20_000;

interface Owner {
  pid: number;
  host: string;
  at: number;
  nonce: string;
}

async function readOwner(lockPath: string): Promise<{ owner: Owner | null; text: string } | null> {
  try {
    const text = await fs.readFile(lockPath, 'utf8');
    try {
      const o = JSON.parse(text) as Partial<Owner>;
      const valid =
        typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.at === 'number' && o.nonce;
      return { owner: valid ? (o as Owner) : null, text };
    } catch {
      return { owner: null, text };
    }
  } catch {
    return null; // gone meanwhile
  }
}

/** Whether a lock's owner is gone: a dead pid on this host, a lock too old, or an unreadable lock that is old. */
async function isStale(lockPath: string, owner: Owner | null, now: number): Promise<boolean> {
  if (owner) {
    if (owner.host === os.hostname() && owner.pid !== process.pid && !processAlive(owner.pid)) return true;
    return now - owner.at > STALE_LOCK_MS;
  }
  // A lock written by a process killed between create and write is empty: its writer would have filled it
  // within microseconds, so a short age is enough.
  const stat = await fs.stat(lockPath).catch(() => null);
  return stat !== null && now - stat.mtimeMs > EMPTY_LOCK_STALE_MS;
}

function timeoutError(lockPath: string, waitMs: number): AppError {
  return {
    kind: 'config',
    transient: true,
    message:
      `Another GP Job Admin process (the app or gpjobs) kept ${lockPath} locked for over ${waitMs / 1000} s; ` +
      'nothing was changed. Try again; if no other process runs, delete that lock file.',
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `task` while holding `lockPath`. With `create`, the lock's directory is made first; without it, a
 * missing directory means there is nothing to protect yet and `task` runs unlocked.
 */
export async function withFileLock<T>(
  lockPath: string,
  task: () => Promise<Result<T>>,
  options: { create: boolean; dirMode?: number; waitMs?: number },
): Promise<Result<T>> {
  const dir = path.dirname(lockPath);
  if (options.create) {
    try {
      await fs.mkdir(dir, { recursive: true, mode: options.dirMode ?? 0o700 });
    } catch (e) {
      return err({ kind: 'config', message: `Could not create ${dir}: ${(e as Error).message}` });
    }
  }
  const me: Owner = { pid: process.pid, host: os.hostname(), at: Date.now(), nonce: randomUUID() };
  const waitMs = options.waitMs ?? LOCK_WAIT_MS;
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await fs.open(lockPath, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify({ ...me, at: Date.now() }));
      } finally {
        await handle.close();
      }
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && !options.create) return task();
      if (code !== 'EEXIST') {
        return err({ kind: 'config', message: `Could not lock ${lockPath}: ${(e as Error).message}` });
      }
    }
    const held = await readOwner(lockPath);
    if (held && (await isStale(lockPath, held.owner, Date.now()))) {
      // Take it over only if it is still the very lock judged stale (not a fresh one made meanwhile).
      const again = await readOwner(lockPath);
      if (again && again.text === held.text) await fs.rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() > deadline) return err(timeoutError(lockPath, waitMs));
    // Back off with jitter so waiting processes do not retry in lockstep.
    await pause(Math.min(100, 2 + attempt * 3) * (0.5 + Math.random()));
  }
  try {
    return await task();
  } finally {
    const mine = await readOwner(lockPath);
    if (mine?.owner?.nonce === me.nonce) await fs.rm(lockPath, { force: true });
  }
}
