import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { rawKeytar } from '../keychain/keychain-service';
import type { CliSandbox } from './helpers';
import { addSim, CLI, keys, sandbox, sandboxWith, simulator } from './helpers';

// gpjobs on a real terminal: util-linux `script` gives it a pseudo-terminal, and the test types into it
// only once the prompt is on screen (so nothing typed early could be echoed by the terminal itself).

interface Step {
  waitFor: string;
  type: string;
}

const shellQuote = (arg: string): string => `'${arg.replace(/'/g, `'\\''`)}'`;

/** Runs gpjobs inside a pseudo-terminal, answering each prompt in turn; returns the screen and exit code. */
async function onTerminal(cli: CliSandbox, args: readonly string[], steps: readonly Step[]) {
  const command = [process.execPath, CLI, ...args].map(shellQuote).join(' ');
  const env = Object.fromEntries(
    Object.entries(cli.env).filter(([, v]) => v !== undefined),
  ) as NodeJS.ProcessEnv;
  const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let next = 0;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    screen += chunk;
    while (next < steps.length && screen.includes(steps[next]!.waitFor))
      child.stdin.write(steps[next++]!.type);
  });
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, screen, answered: next };
}

describe('gpjobs on a terminal', () => {
  it('asks y/N before a small delete, shows a progress bar, and deletes on "y"', async () => {
    const sim = await simulator({ seed: 51, jobs: 80 });
    const cli = await sandboxWith({ Sim: sim });
    const failed = sim.jobs().filter((j) => j.status === 'esriJobFailed');
    const n = failed.length;
    const result = await onTerminal(
      cli,
      ['jobs', 'delete', '--server', 'Sim', '--status', 'failed'],
      [{ waitFor: `Delete ${n} jobs? [y/N] `, type: 'y\r' }],
    );
    expect(result.answered).toBe(1);
    expect(result.code).toBe(0);
    expect(result.screen).toContain(`Deleting [`);
    expect(result.screen).toContain(`${n}/${n} 100%`);
    expect(result.screen).toMatch(new RegExp(`Sim\\s+${n}\\s+0\\s+0\\s+0\\s+${n}`));
    expect(sim.jobs().filter((j) => j.status === 'esriJobFailed')).toEqual([]);
  });

  it('changes nothing when the answer is not yes', async () => {
    const sim = await simulator({ seed: 52, jobs: 80 });
    const cli = await sandboxWith({ Sim: sim });
    const before = keys(sim.jobs());
    const result = await onTerminal(
      cli,
      ['jobs', 'delete', '--server', 'Sim', '--status', 'failed'],
      [{ waitFor: '? [y/N] ', type: 'n\r' }],
    );
    expect(result.code).toBe(4);
    expect(result.screen).toContain('Not confirmed: nothing was changed.');
    expect(keys(sim.jobs())).toEqual(before);
  });

  it('on a production server the number of jobs must be typed', async () => {
    const sim = await simulator({ seed: 53, jobs: 80 });
    const cli = await sandbox();
    await addSim(cli, sim, 'Prod', ['--production']);
    const failed = sim.jobs().filter((j) => j.status === 'esriJobFailed');
    const question = `Type ${failed.length} to delete ${failed.length} jobs on production server Prod: `;
    const refused = await onTerminal(
      cli,
      ['jobs', 'delete', '--server', 'Prod', '--status', 'failed'],
      [{ waitFor: question, type: 'y\r' }],
    );
    expect(refused.code).toBe(4);
    expect(keys(sim.jobs().filter((j) => j.status === 'esriJobFailed'))).toEqual(keys(failed));
    const confirmed = await onTerminal(
      cli,
      ['jobs', 'delete', '--server', 'Prod', '--status', 'failed'],
      [{ waitFor: question, type: `${failed.length}\r` }],
    );
    expect(confirmed.code).toBe(0);
    expect(sim.jobs().filter((j) => j.status === 'esriJobFailed')).toEqual([]);
  });

  it('servers add asks for the password without echoing it and saves it in the keychain', async () => {
    const sim = await simulator({ seed: 54, jobs: 5 });
    const cli = await sandbox();
    const args = ['servers', 'add', '--name', 'Sim', '--url', sim.url, '--username', sim.username];
    const result = await onTerminal(
      cli,
      [...args, '--ca-file', sim.caFile],
      [{ waitFor: `Password for ${sim.username} at ${sim.url}: `, type: `${sim.password}\r` }],
    );
    expect(result.code).toBe(0);
    expect(result.screen).toContain('Added server "Sim"');
    expect(result.screen).not.toContain(sim.password);
    const entries = await (await rawKeytar()).findCredentials(cli.keychainService);
    expect(entries.map((e) => e.password)).toEqual([sim.password]);
  });
});
