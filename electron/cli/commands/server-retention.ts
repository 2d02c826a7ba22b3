/**
 * `gpjobs servers retention NAME --max-file-age 6h | --cleanup off [--dry-run] [--yes] [--clean-now]`:
 * changes how long a server keeps finished jobs, with a plan first (now → then, and that the server
 * restarts the services using its jobs directory), a confirmation like a delete's, and a line in the audit
 * directory's server changes log. `--clean-now` asks the server to sweep expired jobs at once.
 */
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { retentionFrom } from '../../core';
import { askOnTerminal } from '../confirm';
import { preparePasswords } from '../credentials';
import type { ExitCode } from '../exit-codes';
import { EXIT_NOT_CONFIRMED, EXIT_OK, EXIT_USAGE } from '../exit-codes';
import type { CliIo } from '../io';
import { fail, interactive, note, out, reportError } from '../io';
import { parseDuration } from '../filters';
import { pickProfile } from '../select';
import { withPolicies } from './policy-run';

interface Flags {
  maxFileAge?: number;
  cleanup?: 'on' | 'off';
  dryRun?: boolean;
  yes?: boolean;
  cleanNow?: boolean;
}

/** Registers `servers retention`. */
export function registerServerRetention(servers: Command, io: CliIo, done: (code: ExitCode) => void): void {
  servers
    .command('retention')
    .description("change how long a server keeps finished jobs (its jobs directory's clean-up)")
    .argument('<name>', 'the server profile (name, any case)')
    .addOption(
      new Option(
        '--max-file-age <age>',
        'keep finished jobs this long, then the server removes them: 6h, 1d',
      ).argParser((v: string) => {
        const minutes = parseDuration(v) / 60_000;
        if (!Number.isInteger(minutes))
          throw new InvalidArgumentError('Use whole minutes, e.g. 90m, 6h, 1d.');
        return minutes;
      }),
    )
    .addOption(new Option('--cleanup <on|off>', 'off: the server never removes jobs').choices(['on', 'off']))
    .option('--dry-run', 'print the change and change nothing')
    .option('-y, --yes', 'do it without asking (required when not run from a terminal)')
    .option('--clean-now', 'then ask the server to remove expired jobs at once (alone: only that)')
    .addHelpText(
      'after',
      '\nThe server restarts every service that uses its jobs directory when it is edited: do it off-peak.\n' +
        'Each change is appended to <config dir>/audit/server-changes.jsonl. IT can forbid changes\n' +
        '("serverRetentionChanges": "forbidden" in the managed settings.json).',
    )
    .action(async (name: string, flags: Flags) => done(await changeRetention(io, name, flags)));
}

function usage(io: CliIo, message: string): ExitCode {
  reportError(io, { kind: 'invalid-input', message });
  return EXIT_USAGE;
}

async function changeRetention(io: CliIo, name: string, flags: Flags): Promise<ExitCode> {
  const changing = flags.maxFileAge !== undefined || flags.cleanup !== undefined;
  if (!changing && !flags.cleanNow)
    return usage(
      io,
      'Say what to change: --max-file-age AGE, --cleanup off, or --clean-now. Nothing was changed.',
    );
  if (flags.cleanup === 'off' && flags.maxFileAge !== undefined)
    return usage(
      io,
      '--cleanup off and --max-file-age contradict each other: give one. Nothing was changed.',
    );
  return withPolicies(io, async (service, policies) => {
    const found = await pickProfile(service, io, name);
    if (!found.ok) return fail(io, found.error);
    const profile = found.value;
    // Refusals that need no server come before any keychain read or password prompt; IT's comes first,
    // so nobody is told to add --yes only to be refused then.
    const forbidden = changing ? await policies.retentionChangesForbidden() : null;
    if (forbidden) return fail(io, forbidden);
    if (!flags.dryRun && !flags.yes && !interactive(io))
      return usage(
        io,
        'Not run from a terminal, so nobody can confirm: add --yes (or --dry-run). Nothing was changed.',
      );
    const missing = (await preparePasswords(service, [profile], io)).get(profile.id);
    if (missing) return fail(io, missing);
    if (changing) {
      const wish = { cleanup: flags.cleanup ?? 'on', maxFileAgeMinutes: flags.maxFileAge };
      const plan = await policies.planRetention(profile.id, wish);
      if (!plan.ok) return fail(io, plan.error);
      out(io, plan.value.summary);
      if (flags.dryRun) {
        out(io, 'Dry run: nothing was changed.');
        return EXIT_OK;
      }
      let toApply = plan.value;
      if (!flags.yes) {
        if (!(await askOnTerminal(io, `Change it on ${profile.name}? [y/N] `))) {
          note(io, 'Not confirmed: nothing was changed.');
          return EXIT_NOT_CONFIRMED;
        }
        // The answer may come long after the plan: apply it only if the server still reports what it showed.
        const again = await policies.planRetention(profile.id, wish, retentionFrom(plan.value.directory));
        if (!again.ok) return fail(io, again.error);
        toApply = again.value;
      }
      const applied = await policies.applyRetention(toApply);
      if (!applied.ok) return fail(io, applied.error);
      out(io, `Changed. Recorded in ${applied.value}.`);
      if (!flags.cleanNow)
        note(
          io,
          `To remove the jobs now past the new age: gpjobs servers retention ${JSON.stringify(profile.name)} --clean-now --yes`,
        );
    }
    if (!flags.cleanNow) return EXIT_OK;
    const swept = await policies.sweepNow(profile.id);
    if (!swept.ok) return fail(io, swept.error);
    out(
      io,
      `${profile.name}: the server removed what its jobs directory (${swept.value.name}) keeps no longer.`,
    );
    return EXIT_OK;
  });
}
