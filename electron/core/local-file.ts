/**
 * Reading a small local file that a user, IT or another program put in place (profiles, credentials):
 * opened without blocking and checked on the open handle, so a FIFO, device or directory in its place
 * can neither hang the process nor be read as content, and capped in size.
 */
import type { Stats } from 'node:fs';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';

/** What reading a local file found. */
export type LocalRead =
  | { kind: 'missing' }
  | { kind: 'text'; text: string; stat: Stats }
  | { kind: 'too-large' }
  | { kind: 'unreadable'; message: string };

function fileType(stat: Stats): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isDirectory()) return 'a directory';
  if (stat.isSocket()) return 'a socket';
  return 'a device';
}

/** Reads a regular file as UTF-8 text up to `maxBytes`; never throws and never blocks on a FIFO. */
export async function readLocalTextFile(file: string, maxBytes: number): Promise<LocalRead> {
  try {
    const handle = await fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) {
        return {
          kind: 'unreadable',
          message: `it is not a regular file (${fileType(stat)}); it was left untouched. Replace it with a file or remove it`,
        };
      }
      if (stat.size > maxBytes) return { kind: 'too-large' };
      return { kind: 'text', text: await handle.readFile('utf8'), stat };
    } finally {
      await handle.close();
    }
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    if (error.code === 'ENOENT') return { kind: 'missing' };
    if (error.code === 'EISDIR') return { kind: 'unreadable', message: 'it is a directory, not a file' };
    return { kind: 'unreadable', message: error.message };
  }
}

/** A file named on a command line was larger than the caller accepts. */
export class FileTooLarge extends Error {}

/**
 * Reads a file a user named explicitly (a CA file, an import file), stopping after `maxBytes`: a pipe such
 * as `<(...)` still works, but `/dev/zero` or a huge file ends in `FileTooLarge` instead of exhausting
 * memory. Other I/O errors are thrown as they are.
 */
export async function readCappedFile(file: string, maxBytes: number): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const buffer = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size > maxBytes) throw new FileTooLarge(`it is larger than ${Math.round(maxBytes / 1024)} KiB`);
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    await handle.close();
  }
}
