import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { simOptionsFromReport } from '../../arcgis-sim';
import { tempDir } from '../profiles/temp-dir';
import { sandboxWith, simulator } from './helpers';

// `gpjobs servers diagnose NAME [--out FILE]`: a report of answer shapes with nothing identifying in it.

it('writes a report of answer shapes without tokens, passwords, user or host names, job ids or messages', async () => {
  const sim = await simulator({ seed: 51, jobs: 40, services: 2, queryShape: 'keyed-partial' });
  const cli = await sandboxWith({ 'Flaky Site': sim });
  const file = path.join(await tempDir('diagnose'), 'report.json');
  const result = await cli.run(['servers', 'diagnose', 'flaky site', '--out', file]);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toContain(`Wrote the diagnostics report of "Flaky Site" to ${file}.`);
  const text = await fs.readFile(file, 'utf8');
  const report = JSON.parse(text) as Parameters<typeof simOptionsFromReport>[0];
  expect(simOptionsFromReport(report)).toEqual({ queryShape: 'keyed-partial', contextPath: 'arcgis' });
  const tokens = sim.requests.map((r) => r.params.token).filter(Boolean);
  const forbidden = [
    ...tokens,
    sim.password,
    sim.username,
    '127.0.0.1',
    ...sim.jobs().flatMap((j) => [j.jobId, j.machinename, j.username ?? sim.username]),
  ];
  for (const s of new Set(forbidden)) expect(text.includes(s!), `report contains ${s}`).toBe(false);

  const printed = await cli.run(['servers', 'diagnose', 'Flaky Site']);
  expect(printed.code).toBe(0);
  expect(JSON.parse(printed.stdout)).toMatchObject({ format: 'gpjobs-diagnostics/1', signIn: { ok: true } });
  expect((await cli.run(['servers', 'diagnose', 'Nowhere'])).code).toBe(2);
  const unwritable = path.join(path.dirname(file), 'no-such-dir', 'report.json');
  const refused = await cli.run(['servers', 'diagnose', 'Flaky Site', '--out', unwritable]);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain(`Cannot write ${unwritable}: ENOENT`);
});
