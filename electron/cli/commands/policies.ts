/**
 * `gpjobs policies list | show | add | edit | remove | import | export | run`: the clean-up policies the
 * desktop app shows, in the same `policies.json`. IT's managed policies are listed, marked, and read-only.
 * Running a policy lives in policy-run.ts.
 */
import type { Command } from 'commander';
import type { AuditRunInfo, PolicyEntry } from '../../core';
import { describePolicyJobs, scheduleLines } from '../../core';
import type { ExitCode } from '../exit-codes';
import { EXIT_CODES_HELP, EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes';
import type { CliIo } from '../io';
import { fail, note, out, outputWidth, reportError } from '../io';
import { defaultList, formatOption } from '../options';
import type { Column } from '../table';
import { renderTable } from '../table';
import type { PolicyFlags } from './policy-flags';
import { addPolicyOptions, policyFromFlags } from './policy-flags';
import { registerPolicyRun, withPolicies } from './policy-run';
import { readInput, writeOutput } from './server-files';
import { addShowCommand } from './server-show';

const FILTER_FLAGS = [
  'service',
  'status',
  'olderThan',
  'endedOlderThan',
  'user',
  'machine',
  'runningLongerThan',
] as const;

/** Registers `policies` and its subcommands on `program`. */
export function registerPolicies(program: Command, io: CliIo, done: (code: ExitCode) => void): void {
  const policies = program.command('policies').description('saved clean-ups: filters, an action and a cap');
  defaultList(policies)
    .addOption(formatOption(['table', 'json']))
    .description('list the policies, their last run and whether IT manages them')
    .action(async (flags: { format: 'table' | 'json' }) => done(await listPolicies(io, flags.format)));
  addShowCommand(
    policies,
    'show a policy, its last run and the lines that schedule it',
    'the policy (any case)',
    (name, format) => showPolicy(io, name, format),
    done,
  );
  addPolicyOptions(
    policies.command('add').description('save a new policy').argument('<name>', 'its name'),
    false,
  )
    .addHelpText(
      'after',
      `
Required: --server, --server-tag or --all-servers, and at least one filter (--status, --service, --older-than,
--ended-older-than, --user, --machine, --running-longer-than), so a policy never means "every job".

Example:
  gpjobs policies add "Nightly failed" --all-servers --status failed,timed-out --older-than 7d --max-jobs 5000
  gpjobs policies add "Staging sweep" --server-tag staging --status succeeded --ended-older-than 2d`,
    )
    .action(async (name: string, flags: PolicyFlags & { disabled?: boolean }) =>
      done(await addPolicy(io, name, flags)),
    );
  addPolicyOptions(
    policies
      .command('edit')
      .description('change a policy (only the options given)')
      .argument('<name>', 'the policy'),
    true,
  ).action(async (name: string, flags: PolicyFlags & { disabled?: boolean }) =>
    done(await editPolicy(io, name, flags)),
  );
  policies
    .command('remove')
    .description('delete a policy (not its past runs)')
    .argument('<name>', 'the policy')
    .action(async (name: string) =>
      done(
        await withPolicies(io, async (_s, p) => {
          const removed = await p.store.remove(name);
          if (!removed.ok) return fail(io, removed.error);
          out(io, `Removed policy "${removed.value.name}".`);
          return EXIT_OK;
        }),
      ),
    );
  policies
    .command('import')
    .description('add the policies of a policies file (exported by the app or gpjobs)')
    .argument('<file>', 'the policies file ("-" for stdin)')
    .action(async (file: string) => done(await importPolicies(io, file)));
  policies
    .command('export')
    .description('write policies as a policies file (default: all of yours)')
    .argument('[names...]', 'the policies to export')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async (names: string[], flags: { output?: string }) =>
      done(await exportPolicies(io, names, flags.output)),
    );
  registerPolicyRun(policies, program, io, done);
  policies.addHelpText('after', `\n${EXIT_CODES_HELP}`);
}

function usage(io: CliIo, message: string): ExitCode {
  reportError(io, { kind: 'invalid-input', message });
  return EXIT_USAGE;
}

function lastRunText(run: AuditRunInfo | undefined): string {
  if (!run) return 'never';
  const c = run.counts;
  const done = run.action === 'delete' ? `${c.deleted} deleted` : `${c.cancelled} cancelled`;
  const state = run.interrupted ? ', interrupted' : run.aborted ? ', stopped' : '';
  return `${run.startedAt.slice(0, 16).replace('T', ' ')}Z: ${done}, ${c.failed} failed${state}`;
}

type ListRow = { p: PolicyEntry; last: AuditRunInfo | undefined };
const yesNo = (v: boolean) => (v ? 'yes' : 'no');

/** The columns of `policies list`: header, cell, then how the table may fit it. */
const LIST: Column<ListRow>[] = (
  [
    ['NAME', (r) => r.p.name, { min: 8 }],
    ['ON', (r) => yesNo(r.p.enabled), { shrink: false }],
    ['ACTION', (r) => r.p.action, { shrink: false }],
    ['JOBS', (r) => describePolicyJobs(r.p), { min: 20 }],
    ['MAX', (r) => String(r.p.maxJobs), { align: 'right', dropOrder: 2 }],
    ['MANAGED', (r) => yesNo(r.p.managed), { shrink: false, dropOrder: 1 }],
    ['LAST RUN', (r) => lastRunText(r.last), { min: 10 }],
  ] as const satisfies ReadonlyArray<readonly [string, (r: ListRow) => string, Partial<Column<ListRow>>]>
).map(([header, value, fit]) => ({ header, value, ...fit }));

async function listPolicies(io: CliIo, format: 'table' | 'json'): Promise<ExitCode> {
  return withPolicies(io, async (_s, policies) => {
    const loaded = await policies.store.load();
    if (!loaded.ok) return fail(io, loaded.error);
    for (const problem of loaded.value.problems) note(io, `gpjobs: warning: ${problem.message}`);
    const last = await policies.lastRuns();
    const rows: ListRow[] = loaded.value.policies.map((p) => ({ p, last: last.get(p.name.toLowerCase()) }));
    const json = rows.map(({ p, last: l }) => ({ ...p, lastRun: l ?? null }));
    if (format === 'json') out(io, JSON.stringify(json, null, 2));
    else if (!rows.length) out(io, 'No policies yet: add one with "gpjobs policies add NAME ...".');
    else out(io, renderTable(LIST, rows, outputWidth(io)));
    return EXIT_OK;
  });
}

/** The text `gpjobs policies show` prints for a policy. */
export function renderPolicy(p: PolicyEntry, last: AuditRunInfo | undefined): string {
  const schedule = scheduleLines(p.name);
  const lines = [
    `${p.name}${p.managed ? ' (managed by your IT department: read-only)' : ''}${p.enabled ? '' : ' (disabled)'}`,
    ...(p.description ? [`  ${p.description}`] : []),
    `  ${p.action === 'delete' ? 'Deletes' : 'Cancels'} ${describePolicyJobs(p)}.`,
    `  At most ${p.maxJobs} jobs per run (a bigger plan is refused before anything is sent).`,
    `  Last run: ${lastRunText(last)}${last ? ` (gpjobs runs show ${last.runId})` : ''}`,
    '',
    'Schedule it (02:00 nightly; the servers need saved passwords or a credentials file, see "gpjobs help auth"):',
    `  cron:           ${schedule.cron}`,
    `  Task Scheduler: ${schedule.taskScheduler}`,
  ];
  return `${lines.join('\n')}\n`;
}

async function showPolicy(io: CliIo, name: string, format: 'table' | 'json'): Promise<ExitCode> {
  return withPolicies(io, async (_s, policies) => {
    const found = await policies.store.get(name);
    if (!found.ok) return fail(io, found.error);
    const last = (await policies.lastRuns()).get(found.value.name.toLowerCase());
    if (format === 'json')
      out(
        io,
        JSON.stringify(
          { ...found.value, lastRun: last ?? null, schedule: scheduleLines(found.value.name) },
          null,
          2,
        ),
      );
    else out(io, renderPolicy(found.value, last));
    return EXIT_OK;
  });
}

async function addPolicy(
  io: CliIo,
  name: string,
  flags: PolicyFlags & { disabled?: boolean },
): Promise<ExitCode> {
  if (!flags.server?.length && !flags.serverTag?.length && !flags.allServers)
    return usage(
      io,
      'Name the servers the policy runs on: --server NAME[,NAME...], --server-tag TAG[,TAG...], or --all-servers. ' +
        'Nothing was saved.',
    );
  if (!FILTER_FLAGS.some((f) => flags[f] !== undefined))
    return usage(
      io,
      'Give at least one filter (--status, --service, --older-than, --ended-older-than, --user, --machine, ' +
        '--running-longer-than): a policy never takes every job. Nothing was saved.',
    );
  return savePolicy(io, name, flags, undefined);
}

async function editPolicy(
  io: CliIo,
  name: string,
  flags: PolicyFlags & { disabled?: boolean },
): Promise<ExitCode> {
  return savePolicy(io, name, flags, name);
}

async function savePolicy(
  io: CliIo,
  name: string,
  flags: PolicyFlags & { disabled?: boolean },
  replacing: string | undefined,
): Promise<ExitCode> {
  return withPolicies(io, async (_s, policies) => {
    let base: PolicyEntry | undefined;
    if (replacing !== undefined) {
      const found = await policies.store.get(replacing);
      if (!found.ok) return fail(io, found.error);
      base = found.value;
    }
    const { managed: _m, ...fields } = base ?? { managed: false, name };
    const saved = await policies.store.save(policyFromFlags(base?.name ?? name, flags, fields), replacing);
    if (!saved.ok) return fail(io, saved.error);
    // A disabled policy says so: "gpjobs clean" (what a schedule runs) leaves it out until --enabled.
    const off = saved.value.enabled ? '' : ' Disabled: "gpjobs clean" skips it (--enabled turns it back on).';
    out(
      io,
      `${replacing === undefined ? 'Saved' : 'Updated'} policy "${saved.value.name}": ${describePolicyJobs(saved.value)}.${off}`,
    );
    note(
      io,
      `Check what it would touch now: gpjobs policies run ${JSON.stringify(saved.value.name)} --dry-run`,
    );
    return EXIT_OK;
  });
}

async function importPolicies(io: CliIo, file: string): Promise<ExitCode> {
  let text: string;
  try {
    text = await readInput(io, file);
  } catch (e) {
    return usage(io, `Cannot read ${file}: ${(e as Error).message}`);
  }
  return withPolicies(io, async (_s, policies) => {
    const imported = await policies.store.importText(text);
    if (!imported.ok) return fail(io, imported.error);
    for (const name of imported.value.added) out(io, `  added: ${name}`);
    for (const s of imported.value.skipped) out(io, `  skipped: ${s.name}: ${s.reason}`);
    out(io, `Added ${imported.value.added.length}, skipped ${imported.value.skipped.length}.`);
    // As servers import: a policy already there is no failure, so an import can be run again.
    return imported.value.skipped.some((s) => !s.duplicate) ? EXIT_FAILED : EXIT_OK;
  });
}

async function exportPolicies(io: CliIo, names: string[], file: string | undefined): Promise<ExitCode> {
  return withPolicies(io, async (_s, policies) => {
    const text = await policies.store.exportText(names);
    if (!text.ok) return fail(io, text.error);
    return writeOutput(io, file, text.value, 'the policies');
  });
}
