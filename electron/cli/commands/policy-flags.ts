/**
 * The options of `gpjobs policies add | edit`: the same words as `gpjobs jobs` (statuses, services, ages),
 * checked as they are typed, and turned into the stored policy. An edit changes only what it names;
 * `--clear` empties fields.
 */
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import type { JobStatus, PolicyInput, ServiceType } from '../../core';
import { DEFAULT_POLICY_MAX_JOBS, parseServiceTypeWord } from '../../core';
import { STATUS_HELP, collect, parseDuration, parseService, parseStatus } from '../filters';
import { intInRange, serverValue } from '../options';

/** The policy options as commander hands them over. */
export interface PolicyFlags {
  name?: string;
  description?: string;
  server?: string[];
  /** `--server-tag`: every server carrying the tag when the policy runs (stored as `tag:NAME`). */
  serverTag?: string[];
  allServers?: boolean;
  service?: string[];
  type?: ServiceType[];
  status?: JobStatus[];
  olderThan?: string;
  endedOlderThan?: string;
  user?: string;
  machine?: string;
  runningLongerThan?: string;
  action?: 'delete' | 'cancel';
  maxJobs?: number;
  includeProduction?: boolean;
  enabled?: boolean;
  clear?: string[];
}

const CLEARABLE = [
  'description',
  'service',
  'type',
  'status',
  'age',
  'user',
  'machine',
  'running-longer-than',
];

/** An age as typed (`30d`), checked, kept as text in the policy. */
function ageText(value: string): string {
  parseDuration(value);
  return value.trim().toLowerCase();
}

/** `NAME`, `FOLDER/NAME` or `FOLDER/*`, kept as text. */
function serviceText(value: string): string {
  const ref = parseService(value);
  if (ref.folder === null && ref.name === '*')
    throw new InvalidArgumentError('"*" alone is not a service: use FOLDER/* for every service of a folder.');
  return ref.folder === null ? ref.name : `${ref.folder}/${ref.name}`;
}

/** Adds the policy options to `cmd` (`edit` adds --name and --clear). */
export function addPolicyOptions(cmd: Command, edit: boolean): Command {
  // A default is what an add does; an edit changes only the options given.
  const byDefault = (text: string) => (edit ? '' : ` ${text}`);
  if (edit) cmd.option('--name <name>', 'rename the policy');
  cmd
    .option('--description <text>', 'what the policy is for')
    .addOption(
      new Option(
        '--server <names>',
        'server profile(s) it runs on (names, comma-separated or repeated)',
      ).argParser((v: string, prev: string[] | undefined) => [
        ...(prev ?? []),
        ...serverValue(v)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ]),
    )
    .addOption(
      new Option(
        '--server-tag <tags>',
        'run on every server carrying the tag(s) when the policy runs (see gpjobs servers edit --tags)',
      ).argParser(collect((v: string) => v.trim().toLowerCase())),
    )
    .addOption(
      new Option('--all-servers', 'run on every server profile, including any added later').conflicts([
        'server',
        'serverTag',
      ]),
    )
    .addOption(
      new Option(
        '--service <services>',
        'service(s): NAME (any folder), FOLDER/NAME, or FOLDER/* (a whole folder)',
      ).argParser(collect(serviceText)),
    )
    .addOption(
      new Option(
        '--type <types>',
        `service type(s): gp, map, image${byDefault('(default: every type)')}`,
      ).argParser(
        collect((v: string) => {
          const type = parseServiceTypeWord(v);
          if (!type) throw new InvalidArgumentError(`"${v}" is not a service type: use gp, map or image.`);
          return type;
        }),
      ),
    )
    .addOption(
      new Option('--status <statuses>', `job status(es): ${STATUS_HELP}`).argParser(collect(parseStatus)),
    )
    .addOption(
      new Option('--older-than <age>', 'jobs submitted more than this long ago: 7d, 12h, 2w').argParser(
        ageText,
      ),
    )
    .addOption(
      new Option('--ended-older-than <age>', 'jobs that ended more than this long ago')
        .argParser(ageText)
        .conflicts('olderThan'),
    )
    .option('--user <name>', 'jobs submitted by this user')
    .option('--machine <name>', 'jobs run on this machine')
    .addOption(
      new Option(
        '--running-longer-than <age>',
        'jobs still running (submitted, waiting, executing) for longer than this',
      ).argParser(ageText),
    )
    .addOption(
      new Option('--action <action>', `what to do with the jobs${byDefault('(default delete)')}`).choices([
        'delete',
        'cancel',
      ]),
    )
    .addOption(
      new Option(
        '--max-jobs <n>',
        `refuse a run that would touch more jobs than n${byDefault(`(default ${DEFAULT_POLICY_MAX_JOBS})`)}`,
      ).argParser(intInRange(1, 1_000_000)),
    )
    .option('--include-production', `include servers marked production${byDefault('(left out by default)')}`)
    .option('--no-include-production', 'leave production servers out')
    .option('--enabled', `"gpjobs clean" runs it${byDefault('(the default)')}`)
    .option('--disabled', '"gpjobs clean" skips it');
  if (edit)
    cmd.addOption(
      new Option('--clear <fields>', `empty these fields: ${CLEARABLE.join(', ')}`).argParser(
        collect((v: string) => {
          if (!CLEARABLE.includes(v.trim())) throw new InvalidArgumentError(`Use ${CLEARABLE.join(', ')}.`);
          return v.trim();
        }),
      ),
    );
  return cmd;
}

/** The policy the flags describe, on top of `base` (an edit) or of the defaults (an add). */
export function policyFromFlags(
  name: string,
  flags: PolicyFlags & { disabled?: boolean },
  base: PolicyInput = { name },
): PolicyInput {
  const p: PolicyInput = { ...base, name: flags.name ?? name };
  const clear = new Set(flags.clear ?? []);
  if (clear.has('description')) p.description = '';
  if (clear.has('service')) p.services = [];
  if (clear.has('status')) p.statuses = [];
  if (clear.has('type')) p.serviceTypes = [];
  if (clear.has('age')) p.olderThan = null;
  if (clear.has('user')) p.user = null;
  if (clear.has('machine')) p.machine = null;
  if (clear.has('running-longer-than')) p.runningLongerThan = null;
  if (flags.description !== undefined) p.description = flags.description;
  if (flags.allServers) p.servers = 'all';
  if (flags.server || flags.serverTag)
    p.servers = [...(flags.server ?? []), ...(flags.serverTag ?? []).map((t) => `tag:${t}`)];
  if (flags.service) p.services = [...new Set(flags.service)];
  if (flags.type) p.serviceTypes = [...new Set(flags.type)];
  if (flags.status) p.statuses = [...new Set(flags.status)];
  if (flags.olderThan) Object.assign(p, { olderThan: flags.olderThan, age: 'submitted' });
  if (flags.endedOlderThan) Object.assign(p, { olderThan: flags.endedOlderThan, age: 'ended' });
  if (flags.user !== undefined) p.user = flags.user;
  if (flags.machine !== undefined) p.machine = flags.machine;
  if (flags.runningLongerThan) p.runningLongerThan = flags.runningLongerThan;
  if (flags.action) p.action = flags.action;
  if (flags.maxJobs !== undefined) p.maxJobs = flags.maxJobs;
  if (flags.includeProduction !== undefined) p.includeProduction = flags.includeProduction;
  if (flags.enabled) p.enabled = true;
  if (flags.disabled) p.enabled = false;
  return p;
}
