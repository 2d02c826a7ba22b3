/**
 * `gpjobs runs list | show RUN | export RUN | retry RUN` (and the upkeep commands of `runs-upkeep.ts`:
 * `prune`, `acknowledge`, `retention`, `export --since`) over the audit log the desktop app writes too.
 * A RUN is a run id or any unique prefix of one (the first 8 characters, as lists show them).
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import type { AuditRunInfo, JobAdminService, AppError, Result } from '../../core';
import { err, ok } from '../../core';
import { confirmOnTerminal } from '../confirm';
import { withService } from '../context';
import { preparePasswords } from '../credentials';
import type { ExitCode } from '../exit-codes';
import { EXIT_CODES_HELP, EXIT_NOT_CONFIRMED, EXIT_OK } from '../exit-codes';
import type { CliIo } from '../io';
import { fail, interactive, note, out, outputWidth, reportError } from '../io';
import { parseTime } from '../filters';
import { defaultList, formatOption, intInRange } from '../options';
import type { Format } from '../output';
import { RESULT_COLUMNS, localTime, renderJobTable, resultRow } from '../output';
import { countsText } from '../progress';
import { printRows } from '../row-stream';
import { renderTable } from '../table';
import { runAndReport } from './bulk-run';
import { capProblem, maxJobsOption } from '../scope';
import type { ResultFlags } from '../results';
import { resultOption, wantedOutcomes } from '../results';
import { exportArchive, registerUpkeep } from './runs-upkeep';
import { writeOutput } from './server-files';

/** Registers `runs` and its subcommands on `program`. */
export function registerRuns(program: Command, io: CliIo, done: (code: ExitCode) => void): void {
  const runs = program.command('runs').description('past delete and cancel runs, from the audit log');

  defaultList(runs)
    .description('list runs, newest first')
    .addOption(
      new Option('--limit <n>', 'show at most this many runs (0: all)')
        .argParser(intInRange(0, 1_000_000))
        .default(20),
    )
    .addOption(formatOption(['table', 'json']))
    .action(async (flags: { limit: number; format: 'table' | 'json' }) => done(await listRuns(io, flags)));

  runs
    .command('show')
    .description("show a run and every job's result")
    .argument('<run>', 'run id, or a unique prefix of one')
    .addOption(resultOption())
    .option('--failed', 'only the failed jobs (same as --result failed)')
    .addOption(formatOption())
    .action(async (run: string, flags: { format: Format } & ResultFlags) =>
      done(await showRun(io, run, flags.format, wantedOutcomes(flags))),
    );

  runs
    .command('export')
    .description("export a run's results, or with --since those of every run since then (an archive)")
    .argument('[run]', 'run id, or a unique prefix of one')
    .addOption(
      new Option(
        '--since <time>',
        'every run started at or after this time (ISO 8601 or epoch ms)',
      ).argParser(parseTime),
    )
    .addOption(
      new Option('--until <time>', 'with --since: runs started at or before this time').argParser(parseTime),
    )
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'json']).default('csv'))
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async (run: string | undefined, flags: ExportFlags) => done(await exportCommand(io, run, flags)));

  registerUpkeep(runs, io, done);

  runs
    .command('retry')
    .description('run the failed (and never finished) jobs of a run again')
    .argument('<run>', 'run id, or a unique prefix of one')
    .option('-y, --yes', 'do it without asking (required when not run from a terminal)')
    .addOption(maxJobsOption('retried'))
    .addOption(formatOption())
    .addHelpText('after', `\n${EXIT_CODES_HELP}\nPasswords: see "gpjobs help auth".`)
    .action(async (run: string, flags: { yes?: boolean; format: Format; maxJobs?: number }) =>
      done(await retryRun(io, run, flags)),
    );
}

/** The one run whose id starts with `prefix` (case-insensitive). */
export function matchRun(runs: readonly AuditRunInfo[], prefix: string): Result<AuditRunInfo> {
  const p = prefix.trim().toLowerCase();
  if (!p) {
    return err({
      kind: 'invalid-input',
      message:
        'The run id is empty (an unset variable in a script?): give a run id or its first letters, ' +
        'as "gpjobs runs list" shows them.',
    });
  }
  const found = runs.filter((r) => r.runId.toLowerCase().startsWith(p));
  if (found.length === 1) return ok(found[0]!);
  const error: AppError = {
    kind: 'not-found',
    message:
      found.length === 0
        ? `No run in the audit log starts with "${prefix}" (see gpjobs runs list).`
        : `"${prefix}" matches ${found.length} runs (${found
            .slice(0, 5)
            .map((r) => r.runId.slice(0, 12))
            .join(', ')}${found.length > 5 ? ', ...' : ''}): give more of the run id.`,
  };
  return err(error);
}

async function findRun(service: JobAdminService, prefix: string): Promise<Result<AuditRunInfo>> {
  return matchRun(await service.bulk.listRuns(), prefix);
}

interface ExportFlags {
  since?: number;
  until?: number;
  format: 'csv' | 'json';
  output?: string;
}

/** One run (`export RUN`) or an archive of many (`export --since T`), never both. */
async function exportCommand(io: CliIo, run: string | undefined, flags: ExportFlags): Promise<ExitCode> {
  if (
    (run === undefined) === (flags.since === undefined) ||
    (flags.until !== undefined && flags.since === undefined)
  )
    return fail(io, {
      kind: 'invalid-input',
      message: 'Give a run (gpjobs runs export RUN) or --since TIME [--until TIME] for every run since then.',
    });
  if (flags.since !== undefined) return exportArchive(io, { ...flags, since: flags.since });
  return exportRun(io, run!, flags);
}

function stateOf(r: AuditRunInfo): string {
  if (r.running) return 'running';
  if (r.interrupted) return r.acknowledged ? 'interrupted (acknowledged)' : 'interrupted';
  if (r.aborted) return 'aborted';
  return 'finished';
}

async function listRuns(io: CliIo, flags: { limit: number; format: 'table' | 'json' }): Promise<ExitCode> {
  return withService(io, async (service) => {
    const all = await service.bulk.listRuns();
    const runs = flags.limit > 0 ? all.slice(0, flags.limit) : all;
    if (flags.format === 'json') {
      out(io, JSON.stringify(runs, null, 2));
      return EXIT_OK;
    }
    if (runs.length === 0) {
      out(io, 'No runs yet.');
      return EXIT_OK;
    }
    out(
      io,
      renderTable(
        [
          { header: 'RUN', value: (r) => r.runId.slice(0, 8), shrink: false },
          { header: 'ACTION', value: (r) => r.action + (r.retryOf ? ' (retry)' : ''), shrink: false },
          { header: 'STARTED', value: (r) => localTime(r.startedAt), shrink: false },
          { header: 'STATE', value: stateOf, shrink: false },
          { header: 'JOBS', value: (r) => String(r.total), align: 'right' },
          { header: 'RESULTS', value: (r) => countsText(r.counts), min: 12 },
          { header: 'SERVERS', value: (r) => r.servers.join(', '), min: 8 },
          { header: 'USER', value: (r) => r.osUser, min: 6 },
        ],
        runs,
        outputWidth(io),
      ),
    );
    if (all.length > runs.length)
      note(io, `${all.length - runs.length} older runs not shown (--limit 0 shows all).`);
    return EXIT_OK;
  });
}

async function showRun(
  io: CliIo,
  prefix: string,
  format: Format,
  wanted: ReadonlySet<string> | null,
): Promise<ExitCode> {
  return withService(io, async (service) => {
    const run = await findRun(service, prefix);
    if (!run.ok) return fail(io, run.error);
    const read = await service.bulk.runResults(run.value.runId);
    if (!read.ok) return fail(io, read.error);
    const { results, unfinished } = read.value;
    const kept = wanted ? results.filter((r) => wanted.has(r.outcome)) : results;
    if (format !== 'table') {
      printRows(io, format, RESULT_COLUMNS, kept.length, (from, to) => kept.slice(from, to).map(resultRow));
      return EXIT_OK;
    }
    const rows = kept.map(resultRow);
    const r = run.value;
    const lines = [
      `Run      ${r.runId}${r.retryOf ? ` (retry of ${r.retryOf})` : ''}`,
      `Action   ${r.action}, by ${r.osUser}`,
      `Started  ${localTime(r.startedAt)}${r.endedAt ? `, ended ${localTime(r.endedAt)}` : ''}`,
      `State    ${stateOf(r)}${r.abortReason ? `: ${r.abortReason}` : ''}`,
      `Servers  ${r.servers.join(', ')}`,
      `Jobs     ${r.total}: ${countsText(r.counts)}`,
    ];
    if (unfinished.length) {
      lines.push(
        `Never finished: ${unfinished.length} job(s), ${read.value.inFlight.length} of them possibly sent ` +
          '(the server may have acted on those); "gpjobs runs retry" runs them again.',
      );
    }
    if (wanted && !rows.length) lines.push(`No job of this run has the result ${[...wanted].join(' or ')}.`);
    out(io, `${lines.join('\n')}\n`);
    if (rows.length) out(io, '');
    if (rows.length)
      io.stdout.write(
        renderJobTable(
          rows,
          ['server', 'service', 'serviceType', 'jobId', 'status', 'result', 'message'],
          outputWidth(io),
        ),
      );
    return EXIT_OK;
  });
}

async function exportRun(
  io: CliIo,
  prefix: string,
  flags: { format: 'csv' | 'json'; output?: string },
): Promise<ExitCode> {
  return withService(io, async (service) => {
    const run = await findRun(service, prefix);
    if (!run.ok) return fail(io, run.error);
    const exported = await service.bulk.exportRun(run.value.runId, flags.format);
    if (!exported.ok) return fail(io, exported.error);
    return writeOutput(io, flags.output, exported.value.text, `run ${run.value.runId}`);
  });
}

async function retryRun(
  io: CliIo,
  prefix: string,
  flags: { yes?: boolean; format: Format; maxJobs?: number },
): Promise<ExitCode> {
  if (!flags.yes && !interactive(io)) {
    return fail(io, {
      kind: 'invalid-input',
      message:
        'Not run from a terminal, so nobody can confirm: add --yes to retry the run. Nothing was changed.',
    });
  }
  return withService(io, async (service) => {
    const run = await findRun(service, prefix);
    if (!run.ok) return fail(io, run.error);
    const read = await service.bulk.runResults(run.value.runId);
    if (!read.ok) return fail(io, read.error);
    const count =
      read.value.results.filter((r) => r.outcome === 'failed').length + read.value.unfinished.length;
    if (count === 0) {
      out(io, 'That run has no failed jobs to retry.');
      return EXIT_OK;
    }
    const overCap = capProblem(count, flags.maxJobs, 'retry');
    if (overCap) return fail(io, { kind: 'invalid-input', message: overCap });
    const profiles = await service.profiles.list();
    if (!profiles.ok) return fail(io, profiles.error);
    const involved = profiles.value.filter((p) => run.value.profiles.some((q) => q.id === p.id));
    if (!flags.yes) {
      const plan = {
        action: run.value.action,
        eligible: count,
        productionServers: involved.filter((p) => p.production).map((p) => p.name),
      };
      note(io, `Retry ${count} job(s) of run ${run.value.runId.slice(0, 8)}.`);
      if (!(await confirmOnTerminal(io, plan))) {
        note(io, 'Not confirmed: nothing was changed.');
        return EXIT_NOT_CONFIRMED;
      }
    }
    const missing = await preparePasswords(service, involved, io);
    for (const [id, error] of missing)
      reportError(io, error, `server "${involved.find((p) => p.id === id)?.name ?? id}"`);
    return runAndReport(io, flags.format, (onProgress) =>
      service.bulk.retryFailed(run.value.runId, { onProgress }),
    );
  });
}
