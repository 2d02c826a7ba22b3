import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rawKeytar } from '../keychain/keychain-service';
import type { CliSandbox } from './helpers';
import { SERVER_COLORS } from '../../../electron/shared/server-colors';
import { addSim, sandbox, sandboxWith, simulator } from './helpers';

// `gpjobs servers ...`: the desktop app's profiles file and keychain entries, driven from the command line.

async function profilesFile(cli: CliSandbox): Promise<{ profiles: Array<Record<string, unknown>> }> {
  return JSON.parse(await fs.readFile(path.join(cli.configDir, 'profiles.json'), 'utf8')) as {
    profiles: Array<Record<string, unknown>>;
  };
}

async function keychain(cli: CliSandbox): Promise<Array<{ account: string; password: string }>> {
  return (await rawKeytar()).findCredentials(cli.keychainService);
}

interface ListedServer {
  id: string;
  name: string;
  serverUrl: string;
  username: string;
  authMode: string;
  concurrency: number;
  production: boolean;
  managed: boolean;
  caCertificate: boolean;
  password: string;
}

async function listServers(cli: CliSandbox): Promise<ListedServer[]> {
  const result = await cli.run(['servers', 'list', '--format', 'json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as ListedServer[];
}

describe('gpjobs servers', () => {
  it('add saves the profile in the profiles file and the password only in the keychain', async () => {
    const sim = await simulator({ seed: 31, jobs: 5 });
    const cli = await sandbox();
    const added = await addSim(cli, sim, 'Prod GIS', ['--concurrency', '4', '--production']);
    expect(added.stdout).toBe(`Added server "Prod GIS" (${sim.url}).\n`);
    expect(added.stderr).toContain('Password for "Prod GIS" saved in the keychain.');
    const { profiles } = await profilesFile(cli);
    expect(profiles).toEqual([
      expect.objectContaining({
        name: 'Prod GIS',
        serverUrl: sim.url,
        username: sim.username,
        authMode: 'server',
        concurrency: 4,
        production: true,
        caCertPem: sim.caPem.trim() + '\n',
      }),
    ]);
    expect(JSON.stringify(profiles)).not.toContain(sim.password);
    expect(await keychain(cli)).toEqual([{ account: profiles[0]!.id, password: sim.password }]);
  });

  it('list shows name, URL, auth, user, concurrency, production, tags, managed and where the password is', async () => {
    const sim = await simulator({ seed: 32, jobs: 5 });
    const cli = await sandbox();
    await addSim(cli, sim, 'Alpha', ['--concurrency', '3', '--tags', 'staging,emea']);
    expect(await listServers(cli)).toEqual([
      expect.objectContaining({
        name: 'Alpha',
        serverUrl: sim.url,
        authMode: 'server',
        username: sim.username,
        concurrency: 3,
        production: false,
        tags: ['staging', 'emea'],
        managed: false,
        caCertificate: true,
        password: 'keychain',
      }),
    ]);
    const table = await cli.run(['servers', 'list'], { env: { COLUMNS: '200' } });
    expect(table.stdout).toMatch(/^NAME\s+URL\s+AUTH\s+USER\s+CONC\s+PROD\s+TAGS\s+MANAGED\s+PASSWORD\n/);
    expect(table.stdout).toMatch(
      new RegExp(
        `Alpha\\s+${sim.url.replace(/\./g, '\\.')}\\s+server\\s+siteadmin\\s+3\\s+no\\s+staging,emea\\s+no\\s+keychain`,
      ),
    );
  });

  it('test prints the version, federation and admin rights', async () => {
    const sim = await simulator({ seed: 33, jobs: 5 });
    const cli = await sandboxWith({ Sim: sim });
    const result = await cli.run(['servers', 'test']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'Sim: ArcGIS Server 11.1.0, not federated, signed in as siteadmin, administrator rights: yes.\n',
    );
  });

  it('edit changes only the options given, and --password-stdin replaces the password', async () => {
    const sim = await simulator({ seed: 34, jobs: 5 });
    const cli = await sandbox();
    await addSim(cli, sim, 'Alpha', ['--production']);
    const [before] = (await profilesFile(cli)).profiles;
    const edited = await cli.run(['servers', 'edit', 'ALPHA', '--concurrency', '12', '--no-production']);
    expect(edited.code).toBe(0);
    const [after] = (await profilesFile(cli)).profiles;
    expect(after).toEqual({ ...before, concurrency: 12, production: false });
    const renamed = await cli.run(['servers', 'edit', 'alpha', '--name', 'Beta', '--password-stdin'], {
      stdin: 'new secret\n',
    });
    expect(renamed.code).toBe(0);
    expect((await profilesFile(cli)).profiles[0]).toEqual({ ...after, name: 'Beta' });
    expect(await keychain(cli)).toEqual([{ account: before!.id, password: 'new secret' }]);
  });

  it('add gives each server its own palette colour unless --color names one; edit --color changes it', async () => {
    const sim = await simulator({ seed: 36, jobs: 5 });
    const cli = await sandbox();
    await addSim(cli, sim, 'Alpha');
    await addSim(cli, sim, 'Beta');
    const [alpha, beta] = (await profilesFile(cli)).profiles;
    expect(SERVER_COLORS).toContain(alpha!.color);
    expect(SERVER_COLORS).toContain(beta!.color);
    expect(beta!.color).not.toBe(alpha!.color);
    const recoloured = await cli.run(['servers', 'edit', 'beta', '--color', '#4e342e']);
    expect(recoloured.code).toBe(0);
    expect((await profilesFile(cli)).profiles.map((p) => p.color)).toEqual([alpha!.color, '#4e342e']);
  });

  it('remove deletes the profile and its keychain entry', async () => {
    const sim = await simulator({ seed: 35, jobs: 5 });
    const cli = await sandboxWith({ Alpha: sim, Beta: sim });
    expect(await keychain(cli)).toHaveLength(2);
    const removed = await cli.run(['servers', 'remove', 'alpha']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe('Removed server "Alpha" and its saved password.\n');
    expect((await profilesFile(cli)).profiles.map((p) => p.name)).toEqual(['Beta']);
    const [beta] = (await profilesFile(cli)).profiles;
    expect((await keychain(cli)).map((e) => e.account)).toEqual([beta!.id]);
  });

  it('export writes an importable file without secrets; import prints the per-entry report', async () => {
    const sim = await simulator({ seed: 36, jobs: 5 });
    const cli = await sandboxWith({ Alpha: sim });
    const file = path.join(cli.configDir, 'exported.json');
    const exported = await cli.run(['servers', 'export', file]);
    expect(exported.code).toBe(0);
    const text = await fs.readFile(file, 'utf8');
    expect(text).not.toContain(sim.password);
    const stdoutExport = await cli.run(['servers', 'export']);
    expect(stdoutExport.stdout).toBe(text);

    const other = await sandbox();
    const withSecret = JSON.parse(text) as { profiles: Array<Record<string, unknown>> };
    withSecret.profiles.push({
      name: 'Gamma',
      serverUrl: 'https://gamma.example.com/arcgis',
      username: 'a',
      password: 'p',
    });
    withSecret.profiles.push({ name: 'Broken', serverUrl: 'not a url', username: 'a' });
    await fs.writeFile(file, JSON.stringify(withSecret));
    const imported = await other.run(['servers', 'import', file]);
    expect(imported.code).toBe(1);
    expect(imported.stdout).toContain('  1. Alpha: added\n');
    expect(imported.stdout).toContain(
      '  2. Gamma: added Ignored secret-looking field: password (never stored).\n',
    );
    expect(imported.stdout).toMatch(/ {2}3\. Broken: skipped \(invalid\): serverUrl: .+\n/);
    expect(imported.stdout).toContain('Added 2, duplicates 0, invalid 1.');
    expect((await profilesFile(other)).profiles.map((p) => p.name)).toEqual(['Alpha', 'Gamma']);
    expect(JSON.stringify(await profilesFile(other))).not.toContain('"p"');
    const again = await other.run(['servers', 'import', file]);
    expect(again.stdout).toContain(
      '  1. Alpha: skipped (duplicate): A profile named "Alpha" already exists.',
    );
  });

  it('add without a password source is refused and saves nothing', async () => {
    const sim = await simulator({ seed: 37, jobs: 5 });
    const cli = await sandbox();
    const result = await cli.run(['servers', 'add', '--name', 'X', '--url', sim.url, '--username', 'u']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'No password given: use --password-stdin, run on a terminal to be asked, or set GPJOBS_PASSWORD.',
    );
    await expect(fs.access(path.join(cli.configDir, 'profiles.json'))).rejects.toThrow();
    expect(await keychain(cli)).toEqual([]);
  });

  it('add refuses an invalid profile with the reason, and a duplicate name', async () => {
    const sim = await simulator({ seed: 38, jobs: 5 });
    const cli = await sandbox();
    const bad = await cli.run(
      ['servers', 'add', '--name', 'X', '--url', 'ftp://x', '--username', 'u', '--password-stdin'],
      {
        stdin: 'pw',
      },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^gpjobs: Server URL: /);
    await addSim(cli, sim, 'Alpha');
    const dup = await cli.run(
      ['servers', 'add', '--name', 'alpha', '--url', sim.url, '--username', 'u', '--password-stdin'],
      {
        stdin: 'pw',
      },
    );
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('A profile named "Alpha" already exists: choose another name.');
    expect(await keychain(cli)).toHaveLength(1);
    // The name is checked before the password is read (on a terminal: before it is typed).
    const early = await cli.run(
      ['servers', 'add', '--name', 'ALPHA', '--url', sim.url, '--username', 'u', '--password-stdin'],
      { stdin: '' },
    );
    expect(early.code).toBe(2);
    expect(early.stderr).toBe('gpjobs: A profile named "Alpha" already exists: choose another name.\n');
  });

  it('add and edit refuse a name in use in another Unicode form, before reading the password', async () => {
    const sim = await simulator({ seed: 39, jobs: 5 });
    const cli = await sandbox();
    await addSim(cli, sim, 'Z\u00fcrich');
    await addSim(cli, sim, 'Bern');
    const nfd = 'zu\u0308rich';
    const added = await cli.run(
      ['servers', 'add', '--name', nfd, '--url', sim.url, '--username', 'u', '--password-stdin'],
      { stdin: '' },
    );
    expect(added.code).toBe(2);
    expect(added.stderr).toBe('gpjobs: A profile named "Z\u00fcrich" already exists: choose another name.\n');
    const renamed = await cli.run(['servers', 'edit', 'Bern', '--name', nfd, '--password-stdin'], {
      stdin: '',
    });
    expect(renamed.code).toBe(2);
    expect(renamed.stderr).toBe(
      'gpjobs: A profile named "Z\u00fcrich" already exists: choose another name.\n',
    );
    expect((await profilesFile(cli)).profiles.map((p) => p.name)).toEqual(['Z\u00fcrich', 'Bern']);
    const selected = await cli.run(['servers', 'edit', nfd, '--concurrency', '3']);
    expect(selected.code).toBe(0);
    expect(selected.stdout).toBe('Updated server "Z\u00fcrich".\n');
  });

  it('edit by id saves a stored twin that keeps its name (with or without --name), with no clash', async () => {
    const sim = await simulator({ seed: 40, jobs: 5 });
    const cli = await sandbox();
    await addSim(cli, sim, 'Z\u00fcrich');
    await addSim(cli, sim, 'Bern');
    // Twins as an older version could store them: the second one's name is the NFD spelling.
    const file = path.join(cli.configDir, 'profiles.json');
    const stored = await profilesFile(cli);
    stored.profiles[1]!.name = 'Zu\u0308rich';
    await fs.writeFile(file, JSON.stringify(stored));
    const id = String(stored.profiles[1]!.id);
    const edited = await cli.run(['servers', 'edit', id, '--concurrency', '3']);
    expect([edited.code, edited.stdout]).toEqual([0, 'Updated server "Zu\u0308rich".\n']);
    expect(edited.stderr).not.toContain('already exists');
    const named = await cli.run(['servers', 'edit', id, '--name', 'Zu\u0308rich', '--concurrency', '4']);
    expect([named.code, named.stdout]).toEqual([0, 'Updated server "Zu\u0308rich".\n']);
    const after = (await profilesFile(cli)).profiles.map((p) => [p.name, p.concurrency]);
    expect(after).toEqual([
      ['Z\u00fcrich', 8],
      ['Zu\u0308rich', 4],
    ]);
  });
});
