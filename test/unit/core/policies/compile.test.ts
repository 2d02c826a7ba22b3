import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GPJOBS_CMD,
  compilePolicy,
  installedGpjobs,
  parsePolicy,
  scheduleLines,
} from '../../../../electron/core';
import type { Job, ProfileEntry } from '../../../../electron/core';

const NOW = Date.UTC(2026, 0, 10);
const H = 3_600_000;
const profile = (name: string, production = false) =>
  ({ id: name.toLowerCase(), name, production }) as ProfileEntry;
const PROFILES = [profile('Dev'), profile('Prod', true)];
const job = (over: Partial<Job>): Job => ({
  profileId: 'dev',
  service: 'Tools/Buffer',
  jobId: 'j1',
  status: 'esriJobFailed',
  submittedTime: NOW - 100 * H,
  endTime: NOW - 90 * H,
  username: 'ann',
  machinename: 'M1',
  url: null,
  ...over,
});

function compiled(input: Record<string, unknown>) {
  const parsed = parsePolicy({ name: 'P', ...input });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const c = compilePolicy(parsed.value, PROFILES, NOW);
  if (!c.ok) throw new Error(c.error.message);
  return c.value;
}

describe('compilePolicy', () => {
  it('tag:NAME runs on every server carrying the tag at run time (any case), with names, once each', () => {
    const tagged = (name: string, tags: string[], production = false) => ({
      ...profile(name, production),
      tags,
    });
    const servers = [
      tagged('A', ['staging', 'emea']),
      tagged('B', ['staging']),
      tagged('C', []),
      tagged('P', ['staging'], true),
    ];
    const parsed = parsePolicy({
      name: 'T',
      servers: ['TAG: Staging', 'a', 'C'],
      statuses: ['esriJobFailed'],
    });
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.servers).toEqual(['tag:staging', 'a', 'C']);
    const c = compilePolicy(parsed.value, servers, NOW);
    expect(c.ok && c.value.profiles.map((p) => p.name)).toEqual(['A', 'B', 'C']);
    expect(c.ok && c.value.skippedProduction).toEqual(['P']);
    // A server tagged later is covered by the next run without editing the policy.
    const later = compilePolicy(parsed.value, [...servers, tagged('D', ['staging'])], NOW);
    expect(later.ok && later.value.profiles.map((p) => p.name)).toEqual(['A', 'B', 'D', 'C']);
  });

  it('a tag no server carries is an error naming the tags in use; a malformed tag is refused', () => {
    const parsed = parsePolicy({ name: 'T', servers: ['tag:prod'], statuses: ['esriJobFailed'] });
    if (!parsed.ok) throw new Error(parsed.error.message);
    const c = compilePolicy(parsed.value, [{ ...profile('A'), tags: ['staging'] }], NOW);
    expect(c).toMatchObject({
      ok: false,
      error: {
        kind: 'config',
        message: expect.stringContaining('no server carries that tag (tags in use: "staging")'),
      },
    });
    expect(parsePolicy({ name: 'T', servers: ['tag:two words'] })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('is not a server tag') },
    });
  });

  it('leaves production servers out unless the policy includes them', () => {
    expect(compiled({ statuses: ['esriJobFailed'] }).profiles.map((p) => p.name)).toEqual(['Dev']);
    expect(compiled({ statuses: ['esriJobFailed'] }).skippedProduction).toEqual(['Prod']);
    expect(compiled({ statuses: ['esriJobFailed'], includeProduction: true }).profiles).toHaveLength(2);
  });

  it('takes a whole folder with FOLDER/*, and ages by end time when asked', () => {
    const c = compiled({ services: ['Tools/*'], olderThan: '3d', age: 'ended' });
    expect(c.matches(job({}))).toBe(true);
    expect(c.matches(job({ service: 'Tools/Extract.MapServer' }))).toBe(true);
    expect(c.matches(job({ service: 'Analysis/Viewshed' }))).toBe(false);
    expect(c.matches(job({ endTime: NOW - 48 * H }))).toBe(false);
    expect(c.matches(job({ endTime: null }))).toBe(false);
    expect(c.query.endTime).toBe(NOW - 72 * H);
  });

  it('running longer than keeps running statuses submitted before the cutoff, and narrows by type', () => {
    const c = compiled({ runningLongerThan: '2h', serviceTypes: ['GPServer'] });
    expect(c.query.statuses).toEqual([
      'esriJobNew',
      'esriJobSubmitted',
      'esriJobWaiting',
      'esriJobExecuting',
    ]);
    expect(c.matches(job({ status: 'esriJobExecuting', submittedTime: NOW - 3 * H }))).toBe(true);
    expect(c.matches(job({ status: 'esriJobExecuting', submittedTime: NOW - H }))).toBe(false);
    expect(c.matches(job({ status: 'esriJobExecuting', service: 'Tools/B.MapServer' }))).toBe(false);
    expect(() => compiled({ runningLongerThan: '1h', statuses: ['esriJobFailed'] })).toThrow(
      'asks for running jobs but none of its statuses is a running one',
    );
  });

  it('finds a server named in another Unicode form (NFD), as --server does', () => {
    const parsed = parsePolicy({ name: 'P', servers: ['Zu\u0308rich'], statuses: ['esriJobFailed'] });
    const c = parsed.ok ? compilePolicy(parsed.value, [profile('Z\u00fcrich')], NOW) : parsed;
    expect(c.ok ? '' : c.error.message).toBe('');
  });

  it('refuses a policy whose server name matches twins (case or encoding), picking neither', () => {
    const parsed = parsePolicy({ name: 'P', servers: ['zürich'], statuses: ['esriJobFailed'] });
    const twins = [
      { ...profile('Z\u00fcrich'), id: 'a1' },
      { ...profile('Zu\u0308rich'), id: 'b2' },
    ];
    const c = parsed.ok ? compilePolicy(parsed.value, twins, NOW) : parsed;
    const message = c.ok ? '' : c.error.message;
    expect(message).toContain('Policy "P": "zürich" names 2 servers');
    expect(message).toContain('id a1');
    expect(message).toContain('id b2');
    expect(message).toContain('Nothing was changed.');
  });

  it('refuses a policy naming a server that does not exist', () => {
    const parsed = parsePolicy({ name: 'P', servers: ['Gone'], statuses: ['esriJobFailed'] });
    const c = parsed.ok ? compilePolicy(parsed.value, PROFILES, NOW) : parsed;
    expect(c.ok ? '' : c.error.message).toContain('names server "Gone", which does not exist');
  });
});

describe('parsePolicy and scheduleLines', () => {
  it('refuses bad ages and services with the reason', () => {
    const bad = parsePolicy({ name: 'P', olderThan: '7 days', services: ['*'] });
    const message = bad.ok ? '' : bad.error.message;
    expect(message).toContain('olderThan: "7 days" is not a duration');
    expect(message).toContain('services.0: A service is NAME, FOLDER/NAME or FOLDER/*');
  });

  it('quotes a policy name for cron (% escaped) and for schtasks, naming gpjobs by its full path', () => {
    const lines = scheduleLines("Nightly 100% it's", {
      posix: '/usr/bin/gpjobs',
      windows: 'C:\\Program Files\\GP Job Admin\\gpjobs.cmd',
    });
    expect(lines.cron).toBe(
      `0 2 * * * /usr/bin/gpjobs policies run 'Nightly 100\\% it'\\''s' --yes >> "$HOME/gpjobs-clean.log" 2>&1`,
    );
    expect(lines.taskScheduler).toBe(
      `schtasks /Create /SC DAILY /ST 02:00 /TN "GP Job Admin - Nightly 100- it's" /RU "%USERDOMAIN%\\%USERNAME%" /RP * ` +
        `/TR "\\"C:\\Program Files\\GP Job Admin\\gpjobs.cmd\\" policies run \\"Nightly 100% it's\\" --yes"`,
    );
  });

  it('finds gpjobs where this install put it: gpjobs.cmd next to the app on Windows, else the default paths', () => {
    const perUser = 'C:\\Users\\ada\\AppData\\Local\\Programs\\GP Job Admin\\GP Job Admin.exe';
    const nextToApp = 'C:\\Users\\ada\\AppData\\Local\\Programs\\GP Job Admin\\gpjobs.cmd';
    const seen: string[] = [];
    const found = installedGpjobs(perUser, 'win32', (file) => (seen.push(file), file === nextToApp));
    expect(found.windows).toBe(nextToApp);
    expect(seen).toEqual([nextToApp]);
    // Run from source (node.exe), there is no gpjobs.cmd next to it: the per-machine default.
    expect(installedGpjobs('C:\\nodejs\\node.exe', 'win32', () => false).windows).toBe(DEFAULT_GPJOBS_CMD);
    expect(DEFAULT_GPJOBS_CMD).toBe('C:\\Program Files\\GP Job Admin\\gpjobs.cmd');
    expect(installedGpjobs('/opt/GP Job Admin/gp-job-admin', 'linux', () => true)).toEqual({
      posix: '/usr/bin/gpjobs',
      windows: DEFAULT_GPJOBS_CMD,
    });
    expect(installedGpjobs('/Applications/GP Job Admin.app/x', 'darwin', () => true).posix).toBe(
      '/usr/local/bin/gpjobs',
    );
  });
});
