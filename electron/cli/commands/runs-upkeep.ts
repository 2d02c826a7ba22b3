/**
 * Keeping the audit log: `gpjobs runs prune`, `runs acknowledge RUN`, `runs retention` and the archive form
 * of `runs export --since ...` (many runs in one file, for a site's own storage before pruning).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import type { AuditRunInfo, PruneReport } from '../../core';
import { DAY_MS } from '../../core';
import { withService } from '../context';
import type { ExitCode } from '../exit-codes';
import { EXIT_OK } from '../exit-codes';
import { parseDuration } from '../filters';
import type { CliIo } from '../io';
import { fail, note, out } from '../io';
import { localTime } from '../output';
import { matchRun } from './runs';

/** `90d`, `12w`, `forever`: whole days to keep runs, null for forever. */
export function parseKeep(value: string): number | null {
  if (/^(forever|all|never)$/i.test(value.trim())) return null;
  const ms = parseDuration(value);
  if (ms % DAY_MS !== 0)
    throw new InvalidArgumentError(`"${value}": keep runs for whole days (90d, 12w) or forever.`);
  return ms / DAY_MS;
}

const runLine = (r: AuditRunInfo): string =>
  `  ${r.runId.slice(0, 8)}  ${localTime(r.startedAt)}  ${r.action} ${r.total} job(s)  ${r.servers.join(', ')}`;

function reportPrune(io: CliIo, report: PruneReport, format: 'table' | 'json'): void {
  if (format === 'json') {
    out(io, JSON.stringify(report, null, 2));
    return;
  }
  const verb = report.dryRun ? 'Would remove' : 'Removed';
  out(io, `${verb} ${report.removed.length} run(s) started before ${localTime(report.cutoff)}.`);
  for (const r of report.removed) out(io, runLine(r));
  if (report.keptInterrupted.length) {
    note(
      io,
      `Kept ${report.keptInterrupted.length} interrupted run(s) nobody retried or acknowledged (the server ` +
        'may have acted on their unfinished jobs): check them with "gpjobs runs show", then ' +
        '"gpjobs runs retry" or "gpjobs runs acknowledge".',
    );
    for (const r of report.keptInterrupted) note(io, runLine(r));
  }
}

/** Registers `prune`, `acknowledge` and `retention` on the `runs` command. */
export function registerUpkeep(runs: Command, io: CliIo, done: (code: ExitCode) => void): void {
  runs
    .command('prune')
    .description('remove whole runs older than an age (default: the retention setting)')
    .addOption(
      new Option('--older-than <age>', 'runs started more than this long ago: 90d, 12w').argParser(
        parseDuration,
      ),
    )
    .option('--dry-run', 'list what would be removed, remove nothing')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addHelpText(
      'after',
      '\nInterrupted runs are kept until retried or acknowledged. Archive first with\n' +
        '"gpjobs runs export --since DATE -o FILE" if your site keeps its own records.',
    )
    .action(async (flags: { olderThan?: number; dryRun?: boolean; format: 'table' | 'json' }) =>
      done(await prune(io, flags)),
    );

  runs
    .command('acknowledge')
    .description('mark an interrupted run as checked, so retention may remove it')
    .argument('<run>', 'run id, or a unique prefix of one')
    .action(async (run: string) => done(await acknowledge(io, run)));

  runs
    .command('retention')
    .description('show or set how long runs are kept (applied after every run)')
    .addOption(new Option('--keep <age>', 'keep runs this long (90d, 12w) or "forever"').argParser(parseKeep))
    .action(async (flags: { keep?: number | null }) => done(await retention(io, flags.keep)));
}

async function prune(
  io: CliIo,
  flags: { olderThan?: number; dryRun?: boolean; format: 'table' | 'json' },
): Promise<ExitCode> {
  return withService(io, async (service) => {
    let olderThan = flags.olderThan;
    if (olderThan === undefined) {
      const policy = await service.audit.retention();
      if (!policy.ok) return fail(io, policy.error);
      if (policy.value.keepDays === null)
        return fail(io, {
          kind: 'invalid-input',
          message: 'No retention is set (runs are kept forever): give --older-than, e.g. --older-than 90d.',
        });
      olderThan = policy.value.keepDays * DAY_MS;
    }
    const report = await service.audit.prune(olderThan, { dryRun: flags.dryRun, now: io.now() });
    if (!report.ok) return fail(io, report.error);
    reportPrune(io, report.value, flags.format);
    return EXIT_OK;
  });
}

async function acknowledge(io: CliIo, prefix: string): Promise<ExitCode> {
  return withService(io, async (service) => {
    const run = matchRun(await service.bulk.listRuns(), prefix);
    if (!run.ok) return fail(io, run.error);
    const acked = await service.audit.acknowledge(run.value.runId);
    if (!acked.ok) return fail(io, acked.error);
    out(io, `Acknowledged interrupted run ${run.value.runId}; retention may now remove it.`);
    return EXIT_OK;
  });
}

async function retention(io: CliIo, keep: number | null | undefined): Promise<ExitCode> {
  return withService(io, async (service) => {
    const policy =
      keep === undefined ? await service.audit.retention() : await service.audit.setRetention(keep);
    if (!policy.ok) return fail(io, policy.error);
    const { keepDays, minimumDays, managedFile } = policy.value;
    out(io, `Runs are kept ${keepDays === null ? 'forever' : `for ${keepDays} days`}.`);
    if (minimumDays !== null)
      out(io, `Your organisation requires at least ${minimumDays} days (${managedFile}).`);
    if ('removed' in policy.value) out(io, `Removed ${String(policy.value.removed)} old run(s).`);
    return EXIT_OK;
  });
}

/** Writes a chunk, waiting when the stream asks to (so a big archive never piles up in memory). */
function writer(stream: Writable): (chunk: string) => Promise<void> {
  return async (chunk) => {
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
}

/** `runs export --since T [--until T]`: every run started in the range, to stdout or a file. */
export async function exportArchive(
  io: CliIo,
  flags: { since: number; until?: number; format: 'csv' | 'json'; output?: string },
): Promise<ExitCode> {
  return withService(io, async (service) => {
    const range = { since: flags.since, ...(flags.until === undefined ? {} : { until: flags.until }) };
    if (!flags.output) {
      await service.audit.exportRuns(range, flags.format, writer(io.stdout as unknown as Writable));
      return EXIT_OK;
    }
    const file = createWriteStream(flags.output, { mode: 0o600 });
    try {
      await once(file, 'open');
      const report = await service.audit.exportRuns(range, flags.format, writer(file));
      file.end();
      await once(file, 'finish');
      note(io, `Wrote ${report.rows} result(s) of ${report.runs} run(s) to ${flags.output}.`);
      return EXIT_OK;
    } catch (e) {
      file.destroy();
      return fail(io, { kind: 'config', message: `Cannot write ${flags.output}: ${(e as Error).message}` });
    }
  });
}
