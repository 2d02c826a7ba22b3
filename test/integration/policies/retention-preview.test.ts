/**
 * The server form's retention change through the main-process handler the app uses (behind the same payload
 * validation as IPC), against a simulator: the apply carries what the preview showed, and a retention
 * changed on the server in between (here by another administrator's `gpjobs servers retention`) is refused
 * with what changed, nothing sent and nothing lost; previewed again, the change goes through.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  ProfileListView,
  RetentionChangeView,
  ServerRetentionView,
} from '../../../electron/shared/views';
import { addSim, sandbox, simulator } from '../cli/helpers';
import { appHandlers } from './app-handlers';

const edits = (sim: { requests: { url: string }[] }) =>
  sim.requests.filter((r) => /\/directories\/.*\/edit$/.test(r.url));
/** Reads of the server directories (where the jobs directory and its retention are). */
const reads = (sim: { requests: { url: string }[] }) =>
  sim.requests.filter((r) => /\/admin\/system\/directories(\?|$)/.test(r.url)).length;

async function setUp() {
  const sim = await simulator({
    jobs: 10,
    seed: 41,
    retention: { cleanupMode: 'TIME_ELAPSED_SINCE_LAST_MODIFIED', maxFileAgeMinutes: 360 },
  });
  const cli = await sandbox();
  await addSim(cli, sim, 'Kept');
  const { send, call } = appHandlers(cli);
  const profileId = (await call<ProfileListView>('profiles.list')).profiles[0]!.id;
  const log = path.join(cli.configDir, 'audit', 'server-changes.jsonl');
  const logged = async () =>
    (await fs.readFile(log, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  return { sim, cli, send, call, profileId, log, logged };
}

describe('a retention change from the server form', () => {
  it('is refused at the apply when the server changed since the preview, and goes through previewed again', async () => {
    const { sim, cli, send, call, profileId, log, logged } = await setUp();
    const wish = { profileId, cleanup: 'on', maxFileAgeMinutes: 120 };
    const preview = await call<RetentionChangeView>('profiles.changeRetention', { ...wish, apply: false });
    expect(preview.summary).toContain('finished jobs kept 6 h → finished jobs kept 2 h');
    expect(preview.from).toEqual({
      directory: 'arcgisjobs',
      cleanupMode: 'TIME_ELAPSED_SINCE_LAST_MODIFIED',
      maxFileAgeMinutes: 360,
    });

    // Another administrator changes it meanwhile.
    const other = await cli.run(['servers', 'retention', 'Kept', '--max-file-age', '3h', '--yes']);
    expect(other.code).toBe(0);
    expect(edits(sim)).toHaveLength(1);

    const refused = await send('profiles.changeRetention', { ...wish, apply: true, previewed: preview.from });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.kind).toBe('invalid-input');
    expect(refused.error.message).toBe(
      'Kept: the job retention changed on the server since the preview: it showed jobs directory arcgisjobs, ' +
        'finished jobs kept 6 h; the server now reports jobs directory arcgisjobs, finished jobs kept 3 h. ' +
        'Review the change again. Nothing was changed.',
    );
    // Nothing sent, nothing recorded: the other administrator's change stands.
    expect(edits(sim)).toHaveLength(1);
    expect(await logged()).toHaveLength(1);
    const now = await call<ServerRetentionView>('profiles.retention', { profileId });
    expect(now.maxFileAgeMinutes).toBe(180);

    const again = await call<RetentionChangeView>('profiles.changeRetention', { ...wish, apply: false });
    expect(again.summary).toContain('finished jobs kept 3 h → finished jobs kept 2 h');
    const applied = await call<RetentionChangeView>('profiles.changeRetention', {
      ...wish,
      apply: true,
      previewed: again.from,
    });
    expect(applied).toEqual({ summary: again.summary, from: again.from, recordedIn: log });
    expect(edits(sim)).toHaveLength(2);
    expect((await logged())[1]).toMatchObject({
      from: { cleanupMode: 'TIME_ELAPSED_SINCE_LAST_MODIFIED', maxFileAge: 180 },
      to: { cleanupMode: 'TIME_ELAPSED_SINCE_LAST_MODIFIED', maxFileAge: 120 },
      outcome: 'changed',
    });
    expect((await call<ServerRetentionView>('profiles.retention', { profileId })).maxFileAgeMinutes).toBe(
      120,
    );
  });

  it('reads the jobs directory once for a preview and once for an apply', async () => {
    const { sim, call, profileId } = await setUp();
    const wish = { profileId, cleanup: 'on', maxFileAgeMinutes: 120 };
    const before = reads(sim);
    const preview = await call<RetentionChangeView>('profiles.changeRetention', { ...wish, apply: false });
    expect(reads(sim) - before).toBe(1);
    await call('profiles.changeRetention', { ...wish, apply: true, previewed: preview.from });
    expect(reads(sim) - before).toBe(2);
    expect(edits(sim)).toHaveLength(1);
  });

  it('refuses a preview of clean-up on with the server own age once that age changed, and a malformed preview', async () => {
    const { sim, cli, send, call, profileId } = await setUp();
    // Clean-up on without an age keeps the server's own: the target moves with it, so the apply is refused.
    const off = { profileId, cleanup: 'off' };
    await call('profiles.changeRetention', { ...off, apply: true });
    const on = { profileId, cleanup: 'on' };
    const preview = await call<RetentionChangeView>('profiles.changeRetention', { ...on, apply: false });
    expect(preview.summary).toContain(
      'cleanup off (jobs are never removed by the server) → finished jobs kept 6 h',
    );
    expect((await cli.run(['servers', 'retention', 'Kept', '--max-file-age', '1d', '--yes'])).code).toBe(0);
    const refused = await send('profiles.changeRetention', { ...on, apply: true, previewed: preview.from });
    expect(refused.ok ? '' : refused.error.message).toContain('changed on the server since the preview');
    expect(edits(sim)).toHaveLength(2);
    const malformed = await send('profiles.changeRetention', {
      ...on,
      apply: true,
      previewed: { directory: 'arcgisjobs', cleanupMode: 'NONE' },
    });
    expect(malformed.ok ? '' : malformed.error.kind).toBe('invalid-input');
    expect(edits(sim)).toHaveLength(2);
  });
  it('refused with clean-up off before and after and only the age changed, shows two different values', async () => {
    const { sim, cli, send, call, profileId } = await setUp();
    await call('profiles.changeRetention', { profileId, cleanup: 'off', apply: true });
    const on = { profileId, cleanup: 'on' };
    const preview = await call<RetentionChangeView>('profiles.changeRetention', { ...on, apply: false });
    expect(preview.from).toEqual({ directory: 'arcgisjobs', cleanupMode: 'NONE', maxFileAgeMinutes: 360 });
    // Another administrator leaves clean-up off with another age (12 h on, then off again).
    expect((await cli.run(['servers', 'retention', 'Kept', '--max-file-age', '12h', '--yes'])).code).toBe(0);
    expect((await cli.run(['servers', 'retention', 'Kept', '--cleanup', 'off', '--yes'])).code).toBe(0);
    expect(edits(sim)).toHaveLength(3);
    const refused = await send('profiles.changeRetention', { ...on, apply: true, previewed: preview.from });
    expect(refused.ok ? '' : refused.error.message).toBe(
      'Kept: the job retention changed on the server since the preview: it showed jobs directory arcgisjobs, ' +
        'cleanup off (jobs are never removed by the server) [mode NONE, max file age 360 min]; the server now ' +
        'reports jobs directory arcgisjobs, cleanup off (jobs are never removed by the server) [mode NONE, ' +
        'max file age 720 min]. Review the change again. Nothing was changed.',
    );
    expect(edits(sim)).toHaveLength(3);
  });
});
