/**
 * Option definitions several commands share (servers, filters, format), with parsers that turn a bad value
 * into commander's usage error (exit 2, with the help shown).
 */
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import type { FilterOptions } from './filters';
import {
  collect,
  parseDuration,
  parseService,
  parseServiceType,
  parseStatus,
  parseTime,
  STATUS_HELP,
  TYPE_HELP,
} from './filters';
import type { Format } from './output';
import { FORMATS } from './output';

/** An integer option within `min..max`. */
export function intInRange(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`Use a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

/** `--format table|json|csv` (default table). */
export function formatOption(formats: readonly Format[] = FORMATS): Option {
  return new Option('--format <format>', 'output format').choices(formats).default('table');
}

/**
 * A `--server` value as given, refused when it names no server: an empty value (--server "$UNSET")
 * chose no server at all and listed or changed nothing, silently. Every `--server` option uses it.
 */
export function serverValue(value: string): string {
  if (value.split(',').every((name) => name.trim() === ''))
    throw new InvalidArgumentError('Give a server name (several: separated by commas).');
  return value;
}

/** `--server NAME[,NAME]`, repeatable; names are split on commas when choosing (see chooseProfiles). */
export function serverOption(defaultAll = true): Option {
  return new Option(
    '--server <names>',
    `server profile(s) to act on: names, any case, comma-separated or repeated${defaultAll ? ' (default: all)' : ''}`,
  ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), serverValue(value)]);
}

/** `--all-servers`: every server profile, stated explicitly (delete and cancel require a scope). */
export function allServersOption(): Option {
  return new Option('--all-servers', 'act on every server profile, including any added later').conflicts(
    'server',
  );
}

/** The job filters as commander hands them over: which servers, then what to match on them. */
export interface FilterFlags extends FilterOptions {
  server?: string[];
  allServers?: boolean;
}

/** Adds the job filters shared by `jobs list`, `jobs delete` and `jobs cancel`. */
export function addFilterOptions(cmd: Command, defaultAll: boolean): Command {
  return cmd
    .addOption(serverOption(defaultAll))
    .addOption(allServersOption())
    .addOption(
      new Option('--status <statuses>', `job status(es), comma-separated: ${STATUS_HELP}`).argParser(
        collect(parseStatus),
      ),
    )
    .addOption(
      new Option(
        '--service <services>',
        'service(s), comma-separated: NAME matches it in any folder, FOLDER/NAME exactly',
      ).argParser(collect(parseService)),
    )
    .addOption(
      new Option('--type <types>', `service type(s) of the jobs: ${TYPE_HELP}`).argParser(
        collect(parseServiceType),
      ),
    )
    .option('--user <name>', 'jobs submitted by this user')
    .option('--machine <name>', 'jobs run on this machine (any case)')
    .addOption(
      new Option(
        '--older-than <age>',
        'jobs submitted more than this long ago: 7d, 12h, 30m, 2w, 1d12h',
      ).argParser(parseDuration),
    )
    .addOption(
      new Option('--since <time>', 'jobs submitted at or after this time (ISO 8601 or epoch ms)').argParser(
        parseTime,
      ),
    )
    .addOption(
      new Option('--until <time>', 'jobs submitted at or before this time (ISO 8601 or epoch ms)').argParser(
        parseTime,
      ),
    );
}

/**
 * Adds its group's `list` as the group's default command: `gpjobs servers` alone lists the servers (as
 * `gpjobs runs` lists the runs the README points to), while a word after the group that names none of its
 * commands is still refused as an unknown command, not taken as an argument of list. The group's help says
 * so, naming list's options (completion offers them after the bare group too).
 */
export function defaultList(group: Command): Command {
  const list = group.command('list', { isDefault: true });
  // Read when help is shown: list's options are added after this returns.
  group.addHelpText('after', () => {
    const name = `gpjobs ${group.name()}`;
    const flags = list.options.filter((o) => o.long && !o.hidden).map((o) => ` [${o.flags}]`);
    return `\n"${name}" alone lists, as "${name} list" does:\n  ${name}${flags.join('')}`;
  });
  return list.allowExcessArguments().hook('preAction', (_list, action) => {
    const word = action.args[0];
    if (word === undefined) return;
    // `gpjobs runs list foo`: the group saw "list" itself, so these are arguments list does not take.
    if (group.args[0] === 'list') {
      const n = action.args.length;
      _list.error(`error: too many arguments for 'list'. Expected 0 arguments but got ${n}.`, {
        exitCode: 2,
        code: 'commander.excessArguments',
      });
    }
    const close = group.commands.map((c) => c.name()).filter((name) => editDistance(word, name) <= 2);
    const hint = close.length > 0 ? `\n(Did you mean ${close.join(', ')}?)` : '';
    group.error(`error: unknown command '${word}'${hint}`, {
      exitCode: 2,
      code: 'commander.unknownCommand',
    });
  });
}

/** Letters to insert, delete or change to turn `a` into `b` (for "did you mean", as commander's own). */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}
