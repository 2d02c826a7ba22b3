import { describe, expect, it } from 'vitest';
import { VERSION } from '../../../electron/cli/program';
import { sandbox } from './helpers';

// Help for every command, and usage errors: exit code 2 with the message, the command's usage line and
// where its help is on stderr.

const COMMANDS = [
  ['servers', 'list'],
  ['servers', 'add'],
  ['servers', 'edit'],
  ['servers', 'remove'],
  ['servers', 'test'],
  ['servers', 'import'],
  ['servers', 'export'],
  ['jobs', 'list'],
  ['jobs', 'show'],
  ['jobs', 'summary'],
  ['jobs', 'delete'],
  ['jobs', 'cancel'],
  ['runs', 'list'],
  ['runs', 'show'],
  ['runs', 'export'],
  ['runs', 'retry'],
  ['completion'],
];

describe('gpjobs help', () => {
  it('--help and "help" print every command\'s usage on stdout with exit 0', async () => {
    const cli = await sandbox();
    const top = await cli.run(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^Usage: gpjobs \[options\] \[command\]/);
    expect((await cli.run(['help'])).stdout).toBe(top.stdout);
    for (const group of ['servers', 'jobs', 'runs']) expect(top.stdout).toContain(`  ${group} `);
    expect(top.stdout).toContain('GPJOBS_PASSWORD');
    for (const command of COMMANDS) {
      const viaFlag = await cli.run([...command, '--help']);
      expect(viaFlag.code, command.join(' ')).toBe(0);
      expect(viaFlag.stdout).toMatch(new RegExp(`^Usage: gpjobs ${command.join(' ')} `));
      const viaHelp = await cli.run(['help', ...command]);
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.stdout).toBe(viaFlag.stdout);
    }
  });

  it('the help of delete and cancel states the filters, scope, confirmation and exit codes', async () => {
    const cli = await sandbox();
    const help = (await cli.run(['help', 'jobs', 'delete'])).stdout;
    for (const flag of [
      '--server',
      '--status',
      '--service',
      '--user',
      '--machine',
      '--older-than',
      '--since',
      '--until',
    ])
      expect(help).toContain(flag);
    for (const flag of ['--dry-run', '--yes', '--concurrency', '--format', '--max-jobs', '--all-servers'])
      expect(help).toContain(flag);
    expect(help).toContain('--all-jobs');
    expect(help).toContain(
      'Required (except with --dry-run): --server or --all-servers, and a filter or --all-jobs.',
    );
    expect(help).toContain('--server <names>      server profile(s) to act on');
    expect(help).toContain('4 not confirmed (nothing changed)');
    expect(help).toContain('Passwords: see "gpjobs help auth".');
    const cancel = (await cli.run(['help', 'jobs', 'cancel'])).stdout;
    for (const example of cancel.split('\n').filter((l) => l.startsWith('  gpjobs jobs cancel')))
      expect(example).toMatch(/--status (executing|active|submitted)/);
  });

  it('gpjobs --help fits one 80x24 screen and holds the password paragraph, which no command repeats', async () => {
    const cli = await sandbox();
    const top = await cli.run(['--help'], { env: { COLUMNS: '80' } });
    const lines = top.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
    const paragraph = /Passwords come from/;
    expect(top.stdout).toMatch(paragraph);
    const auth = await cli.run(['help', 'auth']);
    expect(auth.code).toBe(0);
    expect(auth.stdout).toMatch(paragraph);
    // Every variable gpjobs reads has its line in the Environment list.
    for (const name of [
      'GPJOBS_PASSWORD',
      'GPJOBS_CONFIG_DIR',
      'GPJOBS_MANAGED_CONFIG',
      'GPJOBS_CREDENTIALS_FILE',
      'GPJOBS_KEYCHAIN_SERVICE',
    ])
      expect(auth.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    for (const command of COMMANDS) {
      const help = (await cli.run(['help', ...command])).stdout;
      expect(help, command.join(' ')).not.toMatch(paragraph);
    }
  });

  it('marks required options and keeps -o/--output for output files and --format for formats', async () => {
    const cli = await sandbox();
    const add = (await cli.run(['help', 'servers', 'add'])).stdout;
    for (const flag of ['--name', '--url', '--username'])
      expect(add).toMatch(new RegExp(`${flag} <\\w+>\\s+required: `));
    // A default is what add does; an edit changes only the options given.
    const edit = (await cli.run(['help', 'servers', 'edit'])).stdout;
    for (const help of [add, edit]) expect(help).toContain('simultaneous requests to this server (1-64');
    expect(add).toMatch(/default 8/);
    expect(add).toMatch(/next colour/);
    expect(edit).not.toMatch(/default/);
    const policyAdd = (await cli.run(['help', 'policies', 'add'])).stdout;
    const policyEdit = (await cli.run(['help', 'policies', 'edit'])).stdout;
    expect(policyAdd).toMatch(/default delete[\s\S]*default 1000[\s\S]*\(the default\)/);
    expect(policyEdit).not.toMatch(/default/);
    for (const command of COMMANDS) {
      const help = (await cli.run(['help', ...command])).stdout;
      const output = help.split('\n').find((l) => /--output\b/.test(l));
      if (output) expect(output, command.join(' ')).toMatch(/-o, --output <file>\s+write .*file/);
      const format = help.split('\n').find((l) => /--format\b/.test(l));
      if (format) expect(format, command.join(' ')).toMatch(/--format <format>\s+(output|file) format/);
    }
  });

  it('--version prints the version', async () => {
    const cli = await sandbox();
    const result = await cli.run(['--version']);
    expect(result).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});

describe('usage errors', () => {
  const cases: Array<[string, string[], RegExp, string]> = [
    ['an unknown option', ['jobs', 'list', '--bogus'], /error: unknown option '--bogus'/, 'gpjobs jobs list'],
    ['an unknown command', ['jobs', 'purge'], /error: unknown command 'purge'/, 'gpjobs jobs'],
    ['an unknown top-level command', ['frobnicate'], /error: unknown command 'frobnicate'/, 'gpjobs'],
    [
      'a bad status',
      ['jobs', 'list', '--status', 'sleeping'],
      /Unknown job status "sleeping"/,
      'gpjobs jobs list',
    ],
    [
      'a bad age',
      ['jobs', 'delete', '--older-than', '7 days'],
      /"7 days" is not a duration/,
      'gpjobs jobs delete',
    ],
    ['a bad time', ['jobs', 'list', '--since', 'yesterday'], /"yesterday" is not a time/, 'gpjobs jobs list'],
    [
      'a date that does not exist',
      ['jobs', 'list', '--since', '2026-02-30'],
      /"2026-02-30" is not a real date or time/,
      'gpjobs jobs list',
    ],
    [
      'a year where a time belongs',
      ['jobs', 'delete', '--until', '2024', '--dry-run'],
      /"2024" is not a time in epoch milliseconds/,
      'gpjobs jobs delete',
    ],
    [
      'an absurd age',
      ['jobs', 'delete', '--older-than', '99999999999d', '--dry-run'],
      /"99999999999d" is more than 100 years/,
      'gpjobs jobs delete',
    ],
    [
      'an age with a repeated unit',
      ['jobs', 'list', '--older-than', '1d1d'],
      /"1d1d" repeats a unit/,
      'gpjobs jobs list',
    ],
    [
      'a bad status in a comma list',
      ['jobs', 'list', '--status', 'failed,sleeping'],
      /Unknown job status "sleeping"/,
      'gpjobs jobs list',
    ],
    [
      'a bad format',
      ['jobs', 'list', '--format', 'xml'],
      /argument 'xml' is invalid. Allowed choices are table, json, csv/,
      'gpjobs jobs list',
    ],
    [
      'a bad concurrency',
      ['jobs', 'cancel', '--concurrency', '0'],
      /Use a whole number from 1 to 64/,
      'gpjobs jobs cancel',
    ],
    [
      'a bad service',
      ['jobs', 'list', '--service', 'a/b/c'],
      /"a\/b\/c" is not a service/,
      'gpjobs jobs list',
    ],
    [
      'a missing value',
      ['jobs', 'list', '--server'],
      /error: option '--server <names>' argument missing/,
      'gpjobs jobs list',
    ],
    [
      'an empty server name',
      ['jobs', 'delete', '--server', ' ,', '--status', 'failed'],
      /'--server <names>' argument ' ,' is invalid. Give a server name/,
      'gpjobs jobs delete',
    ],
    [
      'an empty server name for a policy (edit)',
      ['policies', 'edit', 'P2', '--server', ''],
      /'--server <names>' argument '' is invalid. Give a server name/,
      'gpjobs policies edit',
    ],
    [
      'an empty server name for a policy (add)',
      ['policies', 'add', 'P3', '--server', ' ,', '--status', 'failed'],
      /'--server <names>' argument ' ,' is invalid. Give a server name/,
      'gpjobs policies add',
    ],
    ['a missing argument', ['runs', 'show'], /error: missing required argument 'run'/, 'gpjobs runs show'],
    [
      'a missing required option',
      ['servers', 'add', '--name', 'x'],
      /error: required option '--url <url>' not specified/,
      'gpjobs servers add',
    ],
    [
      'an excess argument',
      ['jobs', 'list', 'extra'],
      /error: too many arguments for 'list'/,
      'gpjobs jobs list',
    ],
  ];
  for (const [what, args, message, usage] of cases) {
    it(`${what} gives exit 2, the message, the usage line and where the help is, on stderr`, async () => {
      const cli = await sandbox();
      const result = await cli.run(args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines[0]).toMatch(message);
      // The error stays on screen: no Options list, only the usage line and the pointer to the help.
      expect(result.stderr).not.toContain('Options:');
      expect(lines.length).toBeLessThanOrEqual(4);
      expect(lines.at(-2)).toMatch(new RegExp(`^Usage: ${usage} \\S`));
      const group = usage === 'gpjobs' || usage === 'gpjobs jobs';
      const help = group ? 'its commands' : 'all options';
      expect(lines.at(-1)).toBe(`Run '${usage} --help' for ${help}.`);
    });
  }

  it('no command at all prints the whole top help on stderr with exit 2', async () => {
    const cli = await sandbox();
    const result = await cli.run([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Usage: gpjobs \[options\] \[command\]/);
    expect(result.stderr).toContain('"gpjobs help COMMAND": its options.');
  });

  it('an unknown policy is named as such, not as a run nobody can confirm', async () => {
    const cli = await sandbox();
    const result = await cli.run(['policies', 'run', 'nope']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'gpjobs: There is no policy named "nope": none are set up yet (add one with "gpjobs policies add").\n',
    );
  });

  it('a flag meant to carry a password does not exist', async () => {
    const cli = await sandbox();
    const result = await cli.run([
      'servers',
      'add',
      '--name',
      'x',
      '--url',
      'https://x/arcgis',
      '--username',
      'u',
      '--password',
      'secret',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: unknown option '--password'");
  });
});
