/** A fresh temporary directory for one test, removed when the test finishes. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';

/** Creates `<tmp>/gpjobs-<label>-XXXX` and removes it after the current test. */
export async function tempDir(label: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `gpjobs-${label}-`));
  onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Every regular file under `dir`, recursively, with its content. */
export async function readTree(dir: string): Promise<Array<{ file: string; content: Buffer }>> {
  const out: Array<{ file: string; content: Buffer }> = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.push({ file, content: await fs.readFile(file) });
  }
  return out;
}
