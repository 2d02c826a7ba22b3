/**
 * `gpjobs jobs list | delete | cancel`: the jobs matching the filters on the chosen servers; delete and
 * cancel plan first (a dry run prints only the plan), ask for confirmation (or `--yes`), then run through
 * the core's bulk engine, so results, retries and the audit log are the desktop app's.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import type { JobAdminService } from '../../core/service/job-admin-service';
import type { BulkAction, JobRef } from '../../core/types';
import { confirmOnTerminal } from '../confirm';
import { withService } from '../context';
import { PASSWORD_POLICY } from '../credentials';
import type { ExitCode } from '../exit-codes';
import { EXIT_FAILED, EXIT_USAGE, exitCodeFor, worstExit } from '../exit-codes';
import { buildFilter } from '../filters';
import type { JobFilter } from '../filters';
import type { Gathered } from '../gather';
import { gatherJobs, reportGatherProblems } from '../gather';
import type { CliIo } from '../io';
import { interactive, note, out, outputWidth, reportError } from '../io';
import type { FilterFlags } from '../options';
import { addFilterOptions, formatOption, intInRange } from '../options';
import type { Format, JobRow } from '../output';
import { LIST_COLUMNS, RESULT_COLUMNS, jobRow, renderCsv, renderJobTable, renderJson } from '../output';
import { planRows, renderPlan } from '../report';
import { chooseProfiles, loadProfiles } from '../select';
import { runAndReport } from './bulk-run';

type ListFlags = FilterFlags & { format: Format };
type BulkFlags = ListFlags & { dryRun?: boolean; yes?: boolean; concurrency?: number };

const TABLE_ORDER = [
  'server',
  'service',
  'jobId',
  'status',
  'submittedTime',
  'endTime',
  'username',
  'machinename',
] as const;

const EXIT_HELP = `
Exit codes: 0 all done, 1 some jobs (or services) failed, 2 usage or configuration error,
3 a server could not be reached or signed in to (the other servers are still processed).

${PASSWORD_POLICY}`;

/** Registers `jobs` and its subcommands on `program`. */
export function registerJobs(program: Command, io: CliIo, done: (code: ExitCode) => void): void {
  const jobs = program.command('jobs').description('list, delete or cancel GP jobs across servers');

  addFilterOptions(jobs.command('list').description('list the jobs matching the filters'), 'list')
    .addOption(formatOption())
    .addHelpText(
      'after',
      `
Examples:
  gpjobs jobs list --status failed --older-than 7d
  gpjobs jobs list --server Prod --service Tools/Buffer --format csv > buffer-jobs.csv
${EXIT_HELP}`,
    )
    .action(async (flags: ListFlags) => done(await listJobs(io, flags)));

  for (const action of ['delete', 'cancel'] as const) {
    const what =
      action === 'delete'
        ? 'delete the matching jobs (running ones are cancelled first)'
        : 'cancel the matching jobs (only Submitted and Executing jobs can be; others are skipped)';
    addFilterOptions(jobs.command(action).description(what), action)
      .option('--dry-run', 'print the plan (counts per server, service and status) and change nothing')
      .option('-y, --yes', 'do it without asking (required when not run from a terminal)')
      .addOption(
        new Option(
          '--concurrency <n>',
          "simultaneous requests per server for this run (1-64), instead of each server's own setting",
        ).argParser(intInRange(1, 64)),
      )
      .addOption(formatOption())
      .addHelpText(
        'after',
        `
Without --yes, a terminal asks first (production servers or over 100 jobs: type the number of jobs).
--format json prints one object per job with its result (deleted, cancelled, already-gone, skipped,
failed) and message; in a dry run the result is "planned" or "skipped".

Examples:
  gpjobs jobs ${action} --status failed --older-than 30d --dry-run
  gpjobs jobs ${action} --server Prod --status ${action === 'delete' ? 'succeeded --older-than 14d' : 'executing --older-than 2d'} --yes
${EXIT_HELP}`,
      )
      .action(async (flags: BulkFlags) => done(await bulkJobs(io, action, flags)));
  }
}

async function listing(
  service: JobAdminService,
  io: CliIo,
  flags: FilterFlags,
): Promise<{ code: ExitCode; gathered?: Gathered; filter?: JobFilter }> {
  const filter = buildFilter(flags, io.now());
  if ('error' in filter) {
    reportError(io, { kind: 'invalid-input', message: filter.error });
    return { code: EXIT_USAGE };
  }
  const loaded = await loadProfiles(service, io);
  if (!loaded.ok) {
    reportError(io, loaded.error);
    return { code: exitCodeFor(loaded.error) };
  }
  const chosen = chooseProfiles(loaded.value, flags.server ?? []);
  if (!chosen.ok) {
    reportError(io, chosen.error);
    return { code: EXIT_USAGE };
  }
  const gathered = await gatherJobs(service, chosen.value, filter, io);
  return { code: reportGatherProblems(gathered, filter, io), gathered, filter };
}

async function listJobs(io: CliIo, flags: ListFlags): Promise<ExitCode> {
  return withService(io, async (service) => {
    const { code, gathered } = await listing(service, io, flags);
    if (!gathered || code === EXIT_USAGE) return code;
    if (gathered.failedServers.length === gathered.names.size) return code;
    const rows = gathered.jobs.map((j) => jobRow(j, gathered.names.get(j.profileId) ?? j.profileId));
    if (flags.format === 'json') io.stdout.write(renderJson(rows, LIST_COLUMNS));
    else if (flags.format === 'csv') io.stdout.write(renderCsv(rows, LIST_COLUMNS));
    else if (rows.length === 0) out(io, 'No jobs match.');
    else {
      io.stdout.write(renderJobTable(rows, TABLE_ORDER, outputWidth(io)));
      out(io, `${rows.length} job${rows.length === 1 ? '' : 's'} on ${countServers(rows)}.`);
    }
    return code;
  });
}

function countServers(rows: readonly JobRow[]): string {
  const n = new Set(rows.map((r) => r.server)).size;
  return `${n} server${n === 1 ? '' : 's'}`;
}

async function bulkJobs(io: CliIo, action: BulkAction, flags: BulkFlags): Promise<ExitCode> {
  if (!flags.dryRun && !flags.yes && !interactive(io)) {
    reportError(io, {
      kind: 'invalid-input',
      message:
        `Not run from a terminal, so nobody can confirm: add --yes to ${action} the matching jobs ` +
        '(or --dry-run to see what would happen). Nothing was changed.',
    });
    return EXIT_USAGE;
  }
  return withService(io, async (service) => {
    const { code, gathered } = await listing(service, io, flags);
    if (!gathered || code === EXIT_USAGE) return code;
    if (gathered.failedServers.length === gathered.names.size) return code;
    const refs: JobRef[] = gathered.jobs.map((j) => ({
      profileId: j.profileId,
      service: j.service,
      jobId: j.jobId,
      status: j.status,
    }));
    const planned = await service.bulk.plan(action, refs);
    if (!planned.ok) {
      reportError(io, planned.error);
      return worstExit(code, exitCodeFor(planned.error));
    }
    const plan = planned.value;
    if (flags.dryRun) {
      if (flags.format === 'table') out(io, renderPlan(plan, outputWidth(io), flags.concurrency));
      else {
        const rows = planRows(plan, gathered.names);
        io.stdout.write(
          flags.format === 'json' ? renderJson(rows, RESULT_COLUMNS) : renderCsv(rows, RESULT_COLUMNS),
        );
      }
      return code;
    }
    if (plan.total === 0) {
      if (flags.format === 'table') out(io, `No jobs match: nothing to ${action}.`);
      else
        io.stdout.write(
          flags.format === 'json' ? renderJson([], RESULT_COLUMNS) : renderCsv([], RESULT_COLUMNS),
        );
      return code;
    }
    if (!flags.yes && plan.eligible > 0) {
      note(
        io,
        renderPlan(plan, outputWidth(io, io.stderr), flags.concurrency).replace(
          /^Dry run: nothing was changed\. /,
          '',
        ),
      );
      if (!(await confirmOnTerminal(io, plan))) {
        note(io, 'Not confirmed: nothing was changed.');
        return worstExit(code, EXIT_FAILED);
      }
    }
    const concurrency = flags.concurrency
      ? Object.fromEntries([...gathered.names.keys()].map((id) => [id, flags.concurrency!]))
      : undefined;
    const ran = await runAndReport(io, flags.format, (onProgress) =>
      service.bulk.start(action, refs, { onProgress, ...(concurrency ? { concurrency } : {}) }),
    );
    return worstExit(code, ran);
  });
}
