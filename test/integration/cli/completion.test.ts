import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliSandbox } from './helpers';
import { CLI, sandbox } from './helpers';

// Shell completion generated from the command definitions: the bash script is sourced into a real bash
// and asked to complete, with a `gpjobs` on the PATH that runs the real executable.

async function withServers(): Promise<CliSandbox> {
  const cli = await sandbox();
  const file = JSON.stringify({
    version: 1,
    profiles: ['Alpha', 'Beta'].map((name) => ({
      name,
      serverUrl: `https://${name.toLowerCase()}.example.com/arcgis`,
      username: 'admin',
    })),
  });
  expect((await cli.run(['servers', 'import', '-'], { stdin: file })).code).toBe(0);
  return cli;
}

/** Sources the script in bash, completes `words` (the last one being typed) and returns the candidates. */
async function complete(cli: CliSandbox, script: string, words: readonly string[]): Promise<string[]> {
  const bin = path.join(cli.configDir, 'bin');
  await fs.mkdir(bin, { recursive: true });
  await fs.writeFile(path.join(bin, 'gpjobs'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, {
    mode: 0o755,
  });
  const scriptFile = path.join(cli.configDir, 'gpjobs.bash');
  await fs.writeFile(scriptFile, script);
  const quoted = words.map((w) => `'${w}'`).join(' ');
  const program = `source '${scriptFile}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _gpjobs; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const env = Object.fromEntries(Object.entries(cli.env).filter(([, v]) => v !== undefined));
  const child = spawn('bash', ['--norc', '-c', program], {
    env: { ...env, PATH: `${bin}:${process.env.PATH}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const [code] = (await once(child, 'close')) as [number];
  expect(code).toBe(0);
  return stdout.split('\n').filter(Boolean).sort();
}

describe('gpjobs completion', () => {
  it('bash completes commands, options, choices and server profile names', async () => {
    const cli = await withServers();
    const generated = await cli.run(['completion', 'bash']);
    expect(generated.code).toBe(0);
    const script = generated.stdout;
    expect(await complete(cli, script, ['gpjobs', 'jo'])).toEqual(['jobs']);
    expect(await complete(cli, script, ['gpjobs', 'jobs', 's'])).toEqual(['show', 'summary']);
    expect(await complete(cli, script, ['gpjobs', 'jobs', 'delete', '--max'])).toEqual(['--max-jobs']);
    expect(await complete(cli, script, ['gpjobs', 'jobs', 'delete', '--server', ''])).toEqual([
      'Alpha',
      'Beta',
    ]);
    expect(await complete(cli, script, ['gpjobs', 'jobs', 'list', '--format', ''])).toEqual([
      'csv',
      'json',
      'table',
    ]);
    expect(await complete(cli, script, ['gpjobs', 'runs', 'export', '--format', ''])).toEqual([
      'csv',
      'json',
    ]);
    expect(await complete(cli, script, ['gpjobs', 'servers', 'edit', 'B'])).toEqual(['Beta']);
    // A group alone lists, so after the bare group come list's options (and their choices) too.
    expect(await complete(cli, script, ['gpjobs', 'runs', '--'])).toEqual(['--format', '--help', '--limit']);
    expect(await complete(cli, script, ['gpjobs', 'runs', '--format', ''])).toEqual(['json', 'table']);
    expect(await complete(cli, script, ['gpjobs', 'policies', '--f'])).toEqual(['--format']);
    expect(await complete(cli, script, ['gpjobs', 'jobs', '--'])).toEqual(['--help']);
  });

  it('zsh and PowerShell scripts carry every command and option of the definitions', async () => {
    const cli = await sandbox();
    const zsh = (await cli.run(['completion', 'zsh'])).stdout;
    expect(zsh).toContain('bashcompinit');
    expect(zsh).toContain('"jobs delete") echo "--server --all-servers');
    const ps = await cli.run(['completion', 'powershell']);
    expect(ps.code).toBe(0);
    expect(ps.stdout).toContain('Register-ArgumentCompleter -Native -CommandName gpjobs, gpjobs.cmd');
    const help = (await cli.run(['help', 'jobs', 'delete'])).stdout;
    const flags = [...help.matchAll(/^\s+(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]!);
    expect(flags.length).toBeGreaterThan(10);
    const deleteLine = ps.stdout
      .split('\n')
      .find((l) => l.startsWith("  'jobs delete' = @(") && l.includes('--'))!;
    for (const flag of flags) expect(deleteLine).toContain(`'${flag}'`);
    expect(ps.stdout).toContain("'jobs list|--format' = @('table', 'json', 'csv')");
    const bad = await cli.run(['completion', 'fish']);
    expect(bad.code).toBe(2);
  });
});
