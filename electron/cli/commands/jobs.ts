/**
 * `gpjobs jobs list | delete | cancel`: the jobs matching the filters on the chosen servers. Delete and
 * cancel live in jobs-bulk.ts; this file defines the commands and their help.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import type { BulkAction } from '../../core';
import { withService } from '../context';
import type { ExitCode } from '../exit-codes';
import { EXIT_CODES_HELP } from '../exit-codes';
import type { CliIo } from '../io';
import { note, out, outputWidth } from '../io';
import type { ListColumn, SortKey } from '../list-shape';
import { parseColumns, parseSort, sortRows } from '../list-shape';
import type { FilterFlags } from '../options';
import { addFilterOptions, formatOption, intInRange } from '../options';
import type { Format } from '../output';
import { LIST_COLUMNS, jobRow, renderJobTable } from '../output';
import type { RowStream } from '../row-stream';
import { jobCountLine, printRows, rowStream } from '../row-stream';
import type { BulkFlags } from './jobs-bulk';
import { bulkJobs } from './jobs-bulk';
import { listing } from './jobs-listing';
import { plural } from '../report';
import { maxJobsOption } from '../scope';
import { registerJobViews } from './jobs-views';

type ListFlags = FilterFlags & {
  format: Format;
  limit?: number;
  sort?: SortKey[];
  columns?: ListColumn[];
};

const TABLE_ORDER = [
  'server',
  'service',
  'serviceType',
  'jobId',
  'status',
  'submittedTime',
  'endTime',
  'username',
  'machinename',
] as const;

const MORE_HELP = `
${EXIT_CODES_HELP}
Passwords: see "gpjobs help auth".`;

const EXAMPLES: Record<BulkAction, string> = {
  delete: `  gpjobs jobs delete --all-servers --status failed,timed-out --older-than 30d --dry-run
  gpjobs jobs delete --server Prod --status finished --older-than 14d --max-jobs 5000 --yes`,
  cancel: `  gpjobs jobs cancel --server Prod --status executing --older-than 2d --dry-run
  gpjobs jobs cancel --server Prod --service Tools/Buffer --status active --max-jobs 200 --yes`,
};

/** Registers `jobs` and its subcommands on `program`. */
export function registerJobs(program: Command, io: CliIo, done: (code: ExitCode) => void): void {
  const jobs = program.command('jobs').description('list, delete or cancel GP jobs across servers');

  addFilterOptions(jobs.command('list').description('list the jobs matching the filters'), true)
    .addOption(
      new Option(
        '--sort <fields>',
        'sort by these columns, e.g. server,-submittedTime (- descending)',
      ).argParser(parseSort),
    )
    .addOption(
      new Option('--limit <n>', 'show at most n jobs (after sorting)').argParser(intInRange(1, 100_000_000)),
    )
    .addOption(
      new Option(
        '--columns <names>',
        `columns to show, comma-separated: ${LIST_COLUMNS.join(', ')}`,
      ).argParser(parseColumns),
    )
    .addOption(formatOption())
    .addHelpText(
      'after',
      `
Without --sort or --limit, rows print as the servers' pages arrive (servers and services mixed in that
order; a table fits its columns to the first rows). With either, they print once every server has answered.

Examples:
  gpjobs jobs list --status failed,timed-out --older-than 7d
  gpjobs jobs list --server Prod --service Tools/Buffer --format csv > buffer-jobs.csv
  gpjobs jobs list --sort -submittedTime --limit 20 --columns server,jobId,status,submittedTime
${MORE_HELP}`,
    )
    .action(async (flags: ListFlags) => done(await listJobs(io, flags)));

  for (const action of ['delete', 'cancel'] as const) {
    const what =
      action === 'delete'
        ? 'delete the matching jobs (running ones are cancelled first)'
        : 'cancel the matching jobs (only Submitted and Executing jobs can be; others are skipped)';
    addFilterOptions(jobs.command(action).description(what), false)
      .addOption(
        new Option('--all-jobs', `${action} every job on the chosen servers (instead of filters)`).conflicts([
          'status',
          'service',
          'user',
          'machine',
          'olderThan',
          'since',
          'until',
        ]),
      )
      .option('--dry-run', 'print the plan (counts per server, service and status) and change nothing')
      .option('-y, --yes', 'do it without asking (required when not run from a terminal)')
      .addOption(maxJobsOption(action === 'delete' ? 'deleted' : 'cancelled'))
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
Required (except with --dry-run): --server or --all-servers, and a filter or --all-jobs.
Without --yes, a terminal asks first (production servers or over 100 jobs: type the number of jobs).
--format json prints one object per job with its result (deleted, cancelled, already-gone, skipped,
failed) and message; in a dry run the result is "planned" or "skipped".

Examples:
${EXAMPLES[action]}
${MORE_HELP}`,
      )
      .action(async (flags: BulkFlags) => done(await bulkJobs(io, action, flags)));
  }
  registerJobViews(jobs, io, done);
}

async function listJobs(io: CliIo, flags: ListFlags): Promise<ExitCode> {
  if (!flags.sort && flags.limit === undefined) return streamJobs(io, flags);
  return withService(io, async (service) => {
    // No job cache: only bulk commands plan from it, and this one holds its rows already.
    const { code, gathered } = await listing(service, io, flags, { cache: false });
    if (!gathered) return code;
    const all = sortRows(
      gathered.jobs.map((j) => jobRow(j, gathered.names.get(j.profileId) ?? j.profileId)),
      flags.sort ?? [],
    );
    const rows = flags.limit !== undefined ? all.slice(0, flags.limit) : all;
    const columns = flags.columns ?? LIST_COLUMNS;
    if (flags.format !== 'table')
      printRows(io, flags.format, columns, rows.length, (f, t) => rows.slice(f, t));
    else {
      if (rows.length > 0)
        io.stdout.write(renderJobTable(rows, flags.columns ?? TABLE_ORDER, outputWidth(io)));
      out(io, jobCountLine(rows.length, new Set(rows.map((r) => r.server)).size));
    }
    const more = all.length - rows.length;
    if (more > 0)
      note(io, `${plural(more, 'more job')} ${more === 1 ? 'matches' : 'match'} (--limit ${flags.limit}).`);
    return code;
  });
}

/**
 * `jobs list` without --sort or --limit: each page's rows print as it arrives (see row-stream), so the
 * first rows of a big server show at once and no server's whole list is held. A listing that cannot start,
 * or where no server answers, prints nothing to stdout, as without streaming.
 */
async function streamJobs(io: CliIo, flags: ListFlags): Promise<ExitCode> {
  const columns = flags.columns ?? (flags.format === 'table' ? TABLE_ORDER : LIST_COLUMNS);
  let rows: RowStream | null = null;
  const start = (): RowStream => (rows ??= rowStream(io, flags.format, columns, outputWidth(io)));
  return withService(io, async (service) => {
    const { code, gathered } = await listing(service, io, flags, {
      // No job cache: only bulk commands plan from it, and streaming is here so nothing holds the listing.
      cache: false,
      onJobs: (jobs, names) => start().add(jobs.map((j) => jobRow(j, names.get(j.profileId) ?? j.profileId))),
    });
    if (gathered || rows) start().end();
    return code;
  });
}
