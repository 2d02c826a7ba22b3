/**
 * What the profiles and the policies stores share about the user file each keeps: one reader-writer at a
 * time, in this process and across processes, and a save that answers a plain error instead of throwing.
 */
import type { Result } from '../types';
import { err, ok } from '../types';
import { serialize, writeFileAtomic } from './atomic-file';
import { withFileLock } from './file-lock';

/**
 * Runs `task` as the only reader-writer of `file`: one at a time in this process, and under the
 * cross-process lock file `<file>.lock`, so the re-read at the start of every update sees every other
 * process's last write. `write` creates the config directory; reads of a machine without one run unlocked.
 */
export function lockedFile<T>(
  file: string,
  task: () => Promise<Result<T>>,
  write = false,
): Promise<Result<T>> {
  return serialize(file, () => withFileLock(`${file}.lock`, task, { create: write }));
}

/**
 * Writes the text `render` makes as the user's `file` (crash-safe, see atomic-file.ts); a failure, of the
 * write or of `render`, is a `config` error that names what was not saved ("profiles", "policies") and where.
 */
export async function saveUserFile(file: string, what: string, render: () => string): Promise<Result<void>> {
  try {
    await writeFileAtomic(file, render());
    return ok(undefined);
  } catch (e) {
    return err({
      kind: 'config',
      message: `Could not save your ${what} to ${file}: ${(e as Error).message}`,
    });
  }
}
