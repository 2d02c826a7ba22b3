/**
 * Crash-safe file writes and keeping damaged files aside.
 * A write goes to a temp file in the same directory, is fsynced, then renamed over the target, so a reader
 * (or a restart after a kill or power cut) sees either the old or the new content, never a torn one.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { processAlive } from '../process-alive';

const TEMP_SUFFIX = '.tmp';
const locks = new Map<string, Promise<unknown>>();

function tempPrefix(target: string): string {
  return `.${path.basename(target)}.`;
}

/** Removes temp files that writers killed mid-save left behind (their process is gone). */
async function removeStaleTemps(target: string): Promise<void> {
  const dir = path.dirname(target);
  const prefix = tempPrefix(target);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (!Number.isInteger(pid) || pid === process.pid || processAlive(pid)) continue;
    await fs.rm(path.join(dir, name), { force: true });
  }
}

async function renameWithRetry(from: string, to: string): Promise<void> {
  // Windows refuses to replace a file another process (an indexer, an antivirus) briefly holds open.
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (process.platform !== 'win32' || attempt >= 5 || !['EPERM', 'EACCES', 'EBUSY'].includes(code ?? ''))
        throw e;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
  }
}

/** Writes `text` to `target` atomically (temp file + fsync + rename), creating the directory (mode 0700). */
export async function writeFileAtomic(target: string, text: string): Promise<void> {
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await removeStaleTemps(target);
  const temp = path.join(dir, `${tempPrefix(target)}${process.pid}.${randomUUID()}${TEMP_SUFFIX}`);
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, target);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw e;
  }
  await syncDirectory(dir);
}

/** Persists a rename on POSIX file systems; directories cannot be opened for sync on Windows. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems (network mounts) refuse directory fsync; the rename itself has happened.
  }
}

/** A file-name-safe timestamp: `2024-05-01T12-30-00-000Z`. */
function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/**
 * Moves a damaged file aside as `<name>.corrupt-<timestamp><ext>` next to it and returns the new path.
 * The name is first reserved with an exclusive create, so an earlier kept file is never overwritten; the move
 * itself is one rename, so the damaged bytes are kept exactly.
 */
export async function moveAside(file: string, now: Date): Promise<string> {
  const ext = path.extname(file);
  const base = file.slice(0, file.length - ext.length);
  for (let n = 0; ; n++) {
    const candidate = `${base}.corrupt-${stamp(now)}${n ? `-${n}` : ''}${ext}`;
    try {
      await (await fs.open(candidate, 'wx', 0o600)).close();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw e;
    }
    try {
      await renameWithRetry(file, candidate);
    } catch (e) {
      await fs.rm(candidate, { force: true });
      throw e;
    }
    return candidate;
  }
}

/** Runs `task` after every earlier task queued under the same key (one writer per file in this process). */
export function serialize<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = locks.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.catch(() => undefined);
  locks.set(key, tail);
  void tail.then(() => {
    if (locks.get(key) === tail) locks.delete(key);
  });
  return run;
}
