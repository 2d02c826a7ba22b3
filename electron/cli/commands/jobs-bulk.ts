/**
 * `gpjobs jobs delete | cancel`: scope check (servers and filters stated), listing, plan, the `--max-jobs`
 * cap, confirmation (or `--yes`), then the core's bulk engine, so results, retries and the audit log are
 * the desktop app's. A dry run prints the plan and changes nothing.
 */
import type { BulkAction, JobRef } from '../../core';
import { confirmOnTerminal } from '../confirm';
import { withService } from '../context';
import type { ExitCode } from '../exit-codes';
import { EXIT_NOT_CONFIRMED, EXIT_USAGE, exitCodeFor, worstExit } from '../exit-codes';
import type { CliIo } from '../io';
import { interactive, note, out, outputWidth, reportError } from '../io';
import type { Format } from '../output';
import { RESULT_COLUMNS } from '../output';
import { planRows, renderPlan } from '../report';
import { printRows } from '../row-stream';
import type { ScopeFlags } from '../scope';
import { capProblem, scopeProblem } from '../scope';
import { runAndReport } from './bulk-run';
import { listing } from './jobs-listing';

/** The flags of delete and cancel. */
export type BulkFlags = ScopeFlags & {
  format: Format;
  yes?: boolean;
  concurrency?: number;
  maxJobs?: number;
};

function usage(io: CliIo, message: string): ExitCode {
  reportError(io, { kind: 'invalid-input', message });
  return EXIT_USAGE;
}

/** Runs `jobs delete` or `jobs cancel`. */
export async function bulkJobs(io: CliIo, action: BulkAction, flags: BulkFlags): Promise<ExitCode> {
  const scope = scopeProblem(flags, action);
  if (scope) return usage(io, scope);
  if (!flags.dryRun && !flags.yes && !interactive(io)) {
    return usage(
      io,
      `Not run from a terminal, so nobody can confirm: add --yes to ${action} the matching jobs ` +
        '(or --dry-run to see what would happen). Nothing was changed.',
    );
  }
  return withService(io, async (service) => {
    const { code, gathered } = await listing(service, io, flags);
    if (!gathered) return code;
    const refs: JobRef[] = gathered.jobs.map((j) => ({
      profileId: j.profileId,
      service: j.service,
      jobId: j.jobId,
      status: j.status,
    }));
    // Planned once: this plan is what a dry run prints, what the user confirms and what runs.
    const held = await service.bulk.prepare(action, refs);
    if (!held.ok) {
      reportError(io, held.error);
      return worstExit(code, exitCodeFor(held.error));
    }
    const { plan, planId } = held.value;
    const overCap = capProblem(plan.eligible, flags.maxJobs, action);
    if (flags.dryRun) {
      if (flags.format === 'table') out(io, renderPlan(plan, outputWidth(io), flags.concurrency));
      else {
        printRows(io, flags.format, RESULT_COLUMNS, plan.jobs.length, (from, to) =>
          planRows(plan, gathered.names, from, to),
        );
      }
      return overCap ? worstExit(code, usage(io, overCap)) : code;
    }
    if (overCap) return worstExit(code, usage(io, overCap));
    if (plan.total === 0) {
      if (flags.format === 'table') out(io, `No jobs match: nothing to ${action}.`);
      else printRows(io, flags.format, RESULT_COLUMNS, 0, () => []);
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
        return worstExit(code, EXIT_NOT_CONFIRMED);
      }
    }
    const concurrency = flags.concurrency
      ? Object.fromEntries([...gathered.names.keys()].map((id) => [id, flags.concurrency!]))
      : undefined;
    const ran = await runAndReport(io, flags.format, (onProgress) =>
      service.bulk.start(planId, { onProgress, ...(concurrency ? { concurrency } : {}) }),
    );
    return worstExit(code, ran);
  });
}
