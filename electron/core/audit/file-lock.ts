/**
 * A lock shared by every process on the machine (the desktop app, scheduled `gpjobs` runs), held for the
 * few milliseconds of a read-modify-replace of a small file. The lock is a file created exclusively (`wx`)
 * holding its owner's process id, host and a random token. A lock whose owner is gone (same host, process
 * no longer alive; or older than `staleMs` when written on another host) is broken by renaming it aside
 * first, so two processes breaking the same stale lock cannot both win. In-process callers queue first.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import { serialize } from '../profiles/atomic-file';

/** Options of `withFileLock`. */
export interface FileLockOptions {
  /** Give up waiting after this long (default 30 s). */
  timeoutMs?: number;
  /** A lock written on another host counts as abandoned after this long (default 10 min). */
  staleMs?: number;
  /** Do not wait: resolve `{ locked: false }` at once when another live process holds it. */
  noWait?: boolean;
}

interface Holder {
  pid: number;
  host: string;
  token: string;
  time: number;
}

/** Whether process `pid` on this host is alive (EPERM: alive, owned by someone else). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(file: string): Promise<{ holder: Holder | null; mtimeMs: number } | null> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
    let holder: Holder | null = null;
    try {
      const v = JSON.parse(text) as Partial<Holder>;
      if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.token === 'string')
        holder = { pid: v.pid, host: v.host, token: v.token, time: Number(v.time) || stat.mtimeMs };
    } catch {
      // Written by a process killed between create and write: judged by its age below.
    }
    return { holder, mtimeMs: stat.mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function isStale(found: { holder: Holder | null; mtimeMs: number }, staleMs: number): boolean {
  const age = Date.now() - found.mtimeMs;
  if (!found.holder) return age > 5000;
  if (found.holder.host === os.hostname()) return !processAlive(found.holder.pid);
  return age > staleMs;
}

/** Moves a stale lock aside; if it turns out to be a fresh one (taken meanwhile), puts it back. */
async function breakStale(file: string, staleToken: string | null): Promise<void> {
  const aside = `${file}.stale-${process.pid}-${randomUUID()}`;
  try {
    await fs.rename(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const moved = await readHolder(aside);
  if (moved?.holder && moved.holder.token !== staleToken) {
    await fs.link(aside, file).catch(() => undefined);
  }
  await fs.rm(aside, { force: true });
}

async function tryCreate(file: string, holder: Holder): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    await handle.writeFile(JSON.stringify(holder), 'utf8');
  } finally {
    await handle.close();
  }
  return true;
}

async function acquire(file: string, options: FileLockOptions): Promise<Holder | null> {
  const holder: Holder = { pid: process.pid, host: os.hostname(), token: randomUUID(), time: Date.now() };
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
    if (await tryCreate(file, holder)) return holder;
    const found = await readHolder(file);
    if (found && isStale(found, options.staleMs ?? 600_000)) {
      await breakStale(file, found.holder?.token ?? null);
      continue;
    }
    if (options.noWait) return null;
    if (Date.now() > deadline) {
      const who = found?.holder ? `process ${found.holder.pid} on ${found.holder.host}` : 'another process';
      throw new Error(`${file} is held by ${who}; remove the file if that process is gone`);
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

async function release(file: string, holder: Holder): Promise<void> {
  const found = await readHolder(file);
  if (found?.holder?.token === holder.token) await fs.rm(file, { force: true });
}

/**
 * Runs `work` holding the lock file `file` (see the module comment). Resolves `{ locked: true, value }`,
 * or `{ locked: false }` with `noWait` when another live process holds it.
 */
export function withFileLock<T>(
  file: string,
  work: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<{ locked: true; value: T } | { locked: false }> {
  return serialize(`lock:${file}`, async () => {
    const holder = await acquire(file, options);
    if (!holder) return { locked: false as const };
    try {
      return { locked: true as const, value: await work() };
    } finally {
      await release(file, holder);
    }
  });
}
