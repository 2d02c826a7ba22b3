/**
 * Hostile local files and flags, through the real `gpjobs` executable: every case ends in a clear message
 * and a usage/config exit code, or a safe result; none crashes with a stack trace or hangs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_CA_PEM } from '../../fixtures/test-ca';
import type { CliSandbox } from '../cli/helpers';
import { sandbox } from '../cli/helpers';

interface Case {
  name: string;
  /** Prepares the sandbox; returns the arguments (and stdin) to run. */
  setup: (cli: CliSandbox) => Promise<{ args: string[]; stdin?: string; env?: Record<string, string> }>;
  codes: number[];
  stderr?: RegExp;
  stdout?: RegExp;
  /** Checks the sandbox afterwards. */
  after?: (cli: CliSandbox) => Promise<void>;
}

const list = ['servers', 'list', '--format', 'json'];
const profilesFile = (cli: CliSandbox) => path.join(cli.configDir, 'profiles.json');
const valid = { name: 'Good', serverUrl: 'https://gis.example.com/arcgis', username: 'admin' };
async function writeProfiles(cli: CliSandbox, content: string | Buffer): Promise<void> {
  await fs.mkdir(cli.configDir, { recursive: true });
  await fs.writeFile(profilesFile(cli), content);
}
/** A set-up that writes `content` as profiles.json, then lists the servers. */
const listAfterWriting =
  (content: string | Buffer): Case['setup'] =>
  async (cli) => (await writeProfiles(cli, content), { args: list });
const mkfifo = (file: string) => execFileSync('mkfifo', [file]);
const add = (...extra: string[]) => [
  ...['servers', 'add', '--name', 'X', '--url', 'https://gis.example.com/arcgis', '--username', 'a'],
  ...extra,
  '--password-stdin',
];

const files: Case[] = [
  {
    name: 'profiles.json is a named pipe',
    setup: async (cli) => (
      await fs.mkdir(cli.configDir, { recursive: true }),
      mkfifo(profilesFile(cli)),
      { args: list }
    ),
    codes: [2],
    stderr: /not a regular file \(a named pipe\)/,
  },
  {
    name: 'profiles.json is a directory',
    setup: async (cli) => (await fs.mkdir(profilesFile(cli), { recursive: true }), { args: list }),
    codes: [2],
    stderr: /is a directory|not a regular file/,
  },
  {
    name: 'profiles.json is binary garbage',
    setup: listAfterWriting(Buffer.from([0, 255, 1, 27, 7, 0x9b])),
    codes: [0],
    stderr: /could not be used as it was and was kept as .*profiles\.corrupt-/,
  },
  {
    name: 'profiles.json is null',
    setup: listAfterWriting('null'),
    codes: [0],
    stderr: /kept as/,
  },
  {
    name: 'profiles.json has a string version',
    setup: listAfterWriting('{"version":"1","profiles":[]}'),
    codes: [0],
    stderr: /no valid "version"/,
  },
  {
    name: 'profiles.json has profiles as an object',
    setup: listAfterWriting('{"version":1,"profiles":{"a":1}}'),
    codes: [0],
    stderr: /kept as/,
  },
  {
    name: 'one entry with wrong types among valid ones',
    setup: listAfterWriting(
      JSON.stringify({
        version: 1,
        profiles: [
          { id: 'g', ...valid },
          { id: 'b', name: 7, serverUrl: {}, username: [] },
        ],
      }),
    ),
    codes: [0],
    stdout: /"name": "Good"/,
    stderr: /Profile 2 is invalid.*The other 1 profile was kept/s,
  },
  {
    name: 'profiles.json with a __proto__ entry',
    setup: listAfterWriting(
      `{"version":1,"profiles":[{"__proto__":{"admin":true},"id":"g","name":"Good","serverUrl":"https://gis.example.com/arcgis","username":"a"}]}`,
    ),
    codes: [0],
    stdout: /"name": "Good"/,
  },
  {
    name: 'profiles.json over 32 MiB (sparse)',
    setup: async (cli) => {
      await writeProfiles(cli, '');
      await fs.truncate(profilesFile(cli), 40 * 1024 * 1024);
      return { args: list };
    },
    codes: [0],
    stderr: /larger than 32 MiB/,
  },
  {
    name: 'profiles.json with a plain-http server URL',
    setup: listAfterWriting(
      JSON.stringify({
        version: 1,
        profiles: [{ id: 'h', ...valid, serverUrl: 'http://gis.example.com/arcgis' }],
      }),
    ),
    codes: [0],
    stderr: /server URL http:\/\/gis\.example\.com\/arcgis is plain http/,
  },
  {
    name: 'the managed profiles file is a named pipe',
    setup: async (cli) => {
      const managed = path.join(cli.configDir, 'managed.json');
      await fs.mkdir(cli.configDir, { recursive: true });
      mkfifo(managed);
      return { args: list, env: { GPJOBS_MANAGED_CONFIG: managed } };
    },
    codes: [0],
    stderr: /managed profiles file .* could not be read: it is not a regular file/,
  },
  {
    name: 'the credentials file is a named pipe',
    setup: async (cli) => {
      await writeProfiles(cli, JSON.stringify({ version: 1, profiles: [{ id: 'g', ...valid }] }));
      mkfifo(path.join(cli.configDir, 'credentials'));
      return { args: ['servers', 'test'] };
    },
    codes: [2],
    stderr: /credentials file .* was not used: it is not a regular file/,
  },
  {
    name: 'the credentials file is group-writable',
    setup: async (cli) => {
      await writeProfiles(cli, JSON.stringify({ version: 1, profiles: [{ id: 'g', ...valid }] }));
      const file = path.join(cli.configDir, 'credentials');
      await fs.writeFile(file, 'https://gis.example.com/arcgis admin pw\n');
      await fs.chmod(file, 0o620);
      return { args: ['servers', 'test'] };
    },
    codes: [2],
    stderr: /mode 620\)\. Run: chmod 600/,
  },
  {
    name: 'a CA file that is a private key',
    setup: async (cli) => {
      const file = path.join(cli.configDir, 'key.pem');
      await fs.mkdir(cli.configDir, { recursive: true });
      await fs.writeFile(file, '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
      return { args: add('--ca-file', file), stdin: 'pw\n' };
    },
    codes: [2],
    stderr: /That is a private key/,
  },
  {
    name: 'a CA file whose body is not a certificate',
    setup: async (cli) => {
      const file = path.join(cli.configDir, 'fake.pem');
      await fs.mkdir(cli.configDir, { recursive: true });
      await fs.writeFile(
        file,
        `${TEST_CA_PEM}\n-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n`,
      );
      return { args: add('--ca-file', file), stdin: 'pw\n' };
    },
    codes: [2],
    stderr: /Block 2 of the CA certificate file is not a valid certificate/,
  },
  {
    name: 'a CA file that never ends (/dev/zero)',
    setup: async () => ({ args: add('--ca-file', '/dev/zero'), stdin: 'pw\n' }),
    codes: [2],
    stderr: /Cannot read the CA file \/dev\/zero: it is larger than/,
  },
  {
    name: 'a CA file that is a directory',
    setup: async () => ({ args: add('--ca-file', '/tmp'), stdin: 'pw\n' }),
    codes: [2],
    stderr: /Cannot read the CA file \/tmp/,
  },
  {
    name: 'an import file that never ends',
    setup: async () => ({ args: ['servers', 'import', '/dev/zero'] }),
    codes: [2],
    stderr: /Cannot read \/dev\/zero: it is larger than/,
  },
  {
    name: 'an import file that is not JSON',
    setup: async () => ({ args: ['servers', 'import', '-'], stdin: '\u001b[2J not json' }),
    codes: [2],
    stderr: /not JSON/,
  },
  {
    name: 'an import of 5,000 entries with wrong types',
    setup: async () => ({
      args: ['servers', 'import', '-'],
      stdin: JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ name: i, serverUrl: [i] }))),
    }),
    codes: [0, 1, 2],
    stdout: /invalid/,
  },
  {
    name: 'audit log lines with wrong types and garbage',
    setup: async (cli) => {
      await fs.mkdir(cli.configDir, { recursive: true });
      const lines = [
        '{"type":"run-start","runId":7,"startedAt":"x"}',
        '{"type":"job","jobId":{"a":1}}',
        '\u0000\u00ff garbage',
        '[]',
        'null',
        '{"type":"run-end","runId":null}',
      ];
      await fs.writeFile(path.join(cli.configDir, 'audit.jsonl'), `${lines.join('\n')}\n`);
      return { args: ['runs', 'list'] };
    },
    codes: [0, 1],
  },
];

/** A flag case: `args` run with the password "pw" on stdin (or `stdin`), refused with exit 2. */
function flag(name: string, args: string[], stderr?: RegExp, stdin = 'pw\n', codes = [2]): Case {
  return { name, setup: async () => ({ args, stdin }), codes, ...(stderr ? { stderr } : {}) };
}

/** `servers add` of profile X at `url` (instead of the usual https address). */
const addAt = (url: string) => [
  'servers',
  'add',
  '--name',
  'X',
  '--url',
  url,
  '--username',
  'a',
  '--password-stdin',
];

const flags: Case[] = [
  flag(
    '--url with a user and password in it',
    addAt('https://u:hunter2@gis.example.com/arcgis'),
    /Leave the user name and password out/,
  ),
  flag('--url javascript:', addAt('javascript:alert(1)'), /not supported/),
  flag('--url of 100,000 characters', addAt(`https://${'a'.repeat(100_000)}.com/arcgis`), /too long|Too big/),
  flag(
    '--url plain http to another machine',
    addAt('http://gis.example.com/arcgis'),
    /server URL http:\/\/gis\.example\.com\/arcgis is plain http/,
  ),
  flag(
    '--admin-url plain http to another machine',
    add('--admin-url', 'http://machine.corp:6080/arcgis'),
    /admin URL http:\/\/machine\.corp:6080\/arcgis is plain http/,
  ),
  flag(
    '--portal-url plain http with portal sign-in',
    add('--auth', 'portal', '--portal-url', 'http://gis.example.com/portal'),
    /portal URL http:\/\/gis\.example\.com\/portal is plain http/,
  ),
  flag('--concurrency 1e9', add('--concurrency', '1000000000')),
  flag('--concurrency -1', add('--concurrency', '-1')),
  flag('--color that is CSS injection', add('--color', 'red;background:url(x)'), /colour like/),
  flag('--server naming nothing, with terminal controls', [
    'jobs',
    'list',
    '--server',
    '\u001b]0;x\u0007evil',
  ]),
  flag('an empty password on stdin', add(), /empty/, ''),
  flag('a password with a NUL character', add(), /NUL/, 'a\u0000b\n', [2, 3]),
];

describe('hostile local files and flags', () => {
  it.each([...files, ...flags])('$name', async (c) => {
    const cli = await sandbox();
    const { args, stdin, env } = await c.setup(cli);
    const r = await cli.run(args, { stdin: stdin ?? '', env });
    expect(c.codes, `exit ${r.code}: ${r.stderr}`).toContain(r.code);
    expect(r.stderr).not.toMatch(/\n\s+at |unexpected error/);
    // Nothing printed can drive the terminal (ESC, BEL, CSI).
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/[\u0007\u001b\u009b]/); // eslint-disable-line no-control-regex
    if (c.stderr) expect(r.stderr).toMatch(c.stderr);
    if (c.stdout) expect(r.stdout).toMatch(c.stdout);
    expect(r.stdout + r.stderr).not.toContain('hunter2');
    await c.after?.(cli);
  });
});
