import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { PolicyStore, scheduleLines } from '../../../../electron/core';
import { unschedulableName } from '../../../../electron/core/policies/schedule';

const GPJOBS = { posix: '/usr/bin/gpjobs', windows: 'C:\\Program Files (x86)\\GP Job Admin\\gpjobs.cmd' };

/**
 * What schtasks receives from a line pasted into cmd.exe, as cmd.exe reads it: quoting toggles at every "
 * (a backslash does not escape it); outside quotes a ^ makes the next character literal, and an unescaped
 * & | < > would end or redirect the command (an error here). Then the arguments as schtasks splits them
 * (the C runtime's rules: \" is a quote inside a quoted argument).
 */
function schtasksArgs(line: string): string[] {
  let passed = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '^') {
      passed += line[++i] ?? '';
      continue;
    } else if (!quoted && '&|<>'.includes(c)) throw new Error(`cmd.exe would act on ${c} at ${i}`);
    passed += c;
  }
  const args: string[] = [];
  let arg = '';
  let inArg = false;
  quoted = false;
  for (let i = 0; i < passed.length; i++) {
    const c = passed[i]!;
    if (c === '\\' && passed[i + 1] === '"') {
      arg += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ' ' && !quoted) {
      if (inArg) args.push(arg);
      arg = '';
      inArg = false;
      continue;
    } else arg += c;
    inArg = true;
  }
  if (inArg) args.push(arg);
  return args;
}

/** The value of a schtasks switch. */
const option = (args: string[], name: string): string => args[args.indexOf(name) + 1]!;

describe('the Task Scheduler line', () => {
  it('carries names with cmd.exe metacharacters and one % literally into the task', () => {
    for (const name of ['R&D nightly', 'a|b <c> ^d', 'Nightly 100% (all)', "it's > 30 days"]) {
      const args = schtasksArgs(scheduleLines(name, GPJOBS).taskScheduler);
      expect(option(args, '/TR'), name).toBe(`"${GPJOBS.windows}" policies run "${name}" --yes`);
      expect(option(args, '/RU')).toBe('%USERDOMAIN%\\%USERNAME%');
      // The task's name holds no % (it would pair with /RU's) and nothing cmd.exe acts on.
      expect(option(args, '/TN'), name).toMatch(/^GP Job Admin - [^%^&|<>"]+$/);
    }
  });

  it('escapes a per-user install path holding cmd.exe metacharacters (C:\\Users\\R&D\\...)', () => {
    const perUser = {
      ...GPJOBS,
      windows: 'C:\\Users\\R&D\\AppData\\Local\\Programs\\GP Job Admin\\gpjobs.cmd',
    };
    const args = schtasksArgs(scheduleLines('R&D nightly', perUser).taskScheduler);
    expect(option(args, '/TR')).toBe(`"${perUser.windows}" policies run "R&D nightly" --yes`);
  });

  it('refuses at save a name with two % signs or a double quote, saying why', async () => {
    expect(unschedulableName('Nightly 100% sure')).toBeNull();
    expect(unschedulableName('R&D')).toBeNull();
    for (const name of ['clean %TEMP% jobs', 'a%b%', 'the "big" one']) {
      expect(unschedulableName(name), name).toContain('Task Scheduler line');
    }
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gpjobs-schedule-'));
    onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
    const store = new PolicyStore(dir, null);
    const saved = await store.save({ name: 'Tidy', statuses: ['esriJobFailed'] });
    expect(saved.ok).toBe(true);
    const refused = await store.save({ name: 'Tidy %USERNAME% jobs', statuses: ['esriJobFailed'] });
    expect(refused.ok ? null : refused.error).toMatchObject({ kind: 'invalid-input' });
    expect(refused.ok ? '' : refused.error.message).toContain('two % signs');
    // A rename to such a name is refused too, and the policy is kept as it was.
    const renamed = await store.save({ name: '"Tidy"', statuses: ['esriJobFailed'] }, 'Tidy');
    expect(renamed.ok).toBe(false);
    const listed = await store.load();
    expect(listed.ok && listed.value.policies.map((p) => p.name)).toEqual(['Tidy']);
  });

  it('still lists a stored policy whose name has two % signs (written by hand or an older version)', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gpjobs-schedule-'));
    onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
    const store = new PolicyStore(dir, null);
    await fs.writeFile(
      store.filePath,
      JSON.stringify({ version: 1, policies: [{ name: '50% off 20%', statuses: ['esriJobFailed'] }] }),
    );
    const listed = await store.load();
    expect(listed.ok && listed.value.policies.map((p) => p.name)).toEqual(['50% off 20%']);
    expect(listed.ok && listed.value.problems).toEqual([]);
  });
});
