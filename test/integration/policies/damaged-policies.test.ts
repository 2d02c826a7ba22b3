/**
 * A policies file with bad entries, as the profiles file is treated: the file moved aside with its bytes
 * kept, the policies still valid written back and listed, and one notice naming each rejected entry.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { PolicyStore } from '../../../electron/core';

describe('a damaged policies file', () => {
  it('is kept aside; the valid policies stay, and the notice names each rejected entry', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gpjobs-policies-'));
    onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
    const store = new PolicyStore(dir, null, () => new Date('2026-12-02T07:00:00Z'));
    const text = JSON.stringify({
      version: 1,
      policies: [
        { name: 'Nightly', statuses: ['esriJobFailed'] },
        { name: 'Bad', statuses: 'not a list' },
        { name: 'nightly', statuses: ['esriJobSucceeded'] },
      ],
    });
    await fs.writeFile(store.filePath, text);

    const listed = await store.load();
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.policies.map((p) => p.name)).toEqual(['Nightly']);
    expect(listed.value.problems).toHaveLength(1);
    const message = listed.value.problems[0]!.message;
    const aside = /was kept as (\S+\.json)\./.exec(message)?.[1];
    expect(aside).toMatch(/policies\.corrupt-.*\.json$/);
    expect(await fs.readFile(aside!, 'utf8')).toBe(text);
    expect(message).toMatch(/Policy 2 \("Bad"\) is invalid: /);
    expect(message).toContain('Policy 3 ("nightly") repeats a name.');
    expect(message).toMatch(/ 1 policy was kept\.$/);
    // The file written back holds the valid policy only, and reads clean.
    const again = await new PolicyStore(dir, null).load();
    expect(again.ok && again.value).toMatchObject({ policies: [{ name: 'Nightly' }], problems: [] });
  });
});
