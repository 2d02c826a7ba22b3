import { describe, expect, it } from 'vitest';
import { VERSION } from '../../../electron/cli/program';
import { sandbox } from './helpers';

// Help for every command, and usage errors: exit code 2 with the message and the command's help on stderr.

const COMMANDS = [
  ['servers', 'list'],
  ['servers', 'add'],
  ['servers', 'edit'],
  ['servers', 'remove'],
  ['servers', 'test'],
  ['servers', 'import'],
  ['servers', 'export'],
  ['jobs', 'list'],
  ['jobs', 'delete'],
  ['jobs', 'cancel'],
  ['runs', 'list'],
  ['runs', 'show'],
  ['runs', 'export'],
  ['runs', 'retry'],
];

describe('gpjobs help', () => {
  it('--help and "help" print every command\'s usage on stdout with exit 0', async () => {
    const cli = await sandbox();
    const top = await cli.run(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^Usage: gpjobs \[options\] \[command\]/);
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

  it('the help of delete and cancel states the filters, confirmation, exit codes and password policy', async () => {
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
    for (const flag of ['--dry-run', '--yes', '--concurrency', '--format']) expect(help).toContain(flag);
    expect(help).toContain(
      'Exit codes: 0 all done, 1 some jobs (or services) failed, 2 usage or configuration error',
    );
    expect(help).toContain('GPJOBS_PASSWORD is used');
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
      /error: option '--server <name>' argument missing/,
      'gpjobs jobs list',
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
    ['no command at all', [], /^Usage: gpjobs/, 'gpjobs'],
  ];
  for (const [what, args, message, usage] of cases) {
    it(`${what} gives exit 2, the message and the help on stderr`, async () => {
      const cli = await sandbox();
      const result = await cli.run(args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain(`Usage: ${usage} `);
    });
  }

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
