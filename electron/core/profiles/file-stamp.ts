/**
 * A stamp of the files a read came from, so the profile store can answer again from what it parsed last
 * time while no file changed (the main process reads profiles on every listing, bulk start and IPC call).
 * The stamp holds each file's device, inode, size, modification and change times in nanoseconds: an atomic
 * write (a new file renamed over the old) changes the inode, an edit in place the times or the size, and
 * the change time cannot be set back by a program. A file modified within the last two seconds gives no
 * stamp at all (`null`: read it again each time), as git does for its index: a coarse clock (one or two
 * seconds on some file systems) could give two different versions written within one tick the same times.
 */
import fs from 'node:fs/promises';

/** How long after a change a file's times are trusted to show its next change. */
export const SETTLE_MS = 2_000;

/** One file's part of a stamp: `-` when missing, null when it cannot be trusted (recent, or unreadable). */
async function fileStamp(file: string, now: number, settleMs: number): Promise<string | null> {
  try {
    const s = await fs.stat(file, { bigint: true });
    if (now - Number(s.mtimeMs) < settleMs || now - Number(s.ctimeMs) < settleMs) return null;
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? '-' : null;
  }
}

/**
 * The stamp of `files` (null entries are skipped: no such file is configured), or null when one of them
 * changed within `settleMs` or cannot be examined (the caller then reads them all again).
 */
export async function filesStamp(
  files: ReadonlyArray<string | null>,
  settleMs = SETTLE_MS,
  now = Date.now(),
): Promise<string | null> {
  const parts = await Promise.all(files.map((f) => (f === null ? '' : fileStamp(f, now, settleMs))));
  return parts.includes(null) ? null : parts.join('|');
}
