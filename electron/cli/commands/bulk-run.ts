/**
 * Running a bulk action and reporting it, shared by `jobs delete`, `jobs cancel` and `runs retry`:
 * progress on stderr, Ctrl-C stops gracefully (requests in flight finish), then the per-job results
 * (JSON/CSV on stdout) or the summary table, and the exit code the results amount to.
 */
import type { BulkRun, BulkRunSummary, JobResult, Result, BulkProgressEvent } from '../../core';
import type { ExitCode } from '../exit-codes';
import { CONNECT_KINDS, EXIT_CONNECT, EXIT_FAILED, EXIT_OK, exitCodeFor, worstExit } from '../exit-codes';
import type { CliIo } from '../io';
import { note, out, outputWidth, reportError } from '../io';
import type { Format } from '../output';
import { RESULT_COLUMNS, resultRow } from '../output';
import { createProgressReporter } from '../progress';
import { renderSummary } from '../report';
import { printRows } from '../row-stream';

/** Starts a run through `start` (which gets the progress listener) and reports it; a stopped run exits 1 at least. */
export async function runAndReport(
  io: CliIo,
  format: Format,
  start: (onProgress: (event: BulkProgressEvent) => void) => Promise<Result<BulkRun>>,
): Promise<ExitCode> {
  const progress = createProgressReporter(io);
  const started = await start((event) => progress.update(event));
  if (!started.ok) {
    reportError(io, started.error);
    return exitCodeFor(started.error);
  }
  const run = started.value;
  const stop = stopOnInterrupt(io, run);
  let summary: BulkRunSummary;
  try {
    summary = await run.done;
  } finally {
    stop();
    progress.finish();
  }
  const failedRows = summary.results.filter((r) => r.outcome === 'failed').map(resultRow);
  if (format === 'table') {
    out(io, renderSummary(summary, outputWidth(io), failedRows));
  } else {
    const { results } = summary;
    printRows(io, format, RESULT_COLUMNS, results.length, (from, to) =>
      results.slice(from, to).map(resultRow),
    );
    note(io, renderSummary(summary, outputWidth(io, io.stderr), []));
  }
  const code = runExitCode(summary.results);
  return summary.aborted ? worstExit(code, EXIT_FAILED) : code;
}

/** 0 when nothing failed; 3 when every job failed without reaching its server; 1 otherwise. */
export function runExitCode(results: readonly Pick<JobResult, 'outcome' | 'kind'>[]): ExitCode {
  const failed = results.filter((r) => r.outcome === 'failed');
  if (failed.length === 0) return EXIT_OK;
  const reachedAny = results.some((r) => r.outcome !== 'failed' && r.outcome !== 'skipped');
  const allUnreachable = failed.every((r) => r.kind !== undefined && CONNECT_KINDS.has(r.kind));
  return !reachedAny && allUnreachable ? EXIT_CONNECT : EXIT_FAILED;
}

/** First Ctrl-C: stop starting jobs, let requests in flight finish. Second: leave at once. */
function stopOnInterrupt(io: CliIo, run: BulkRun): () => void {
  let asked = false;
  const onSignal = (): void => {
    if (asked) process.exit(130);
    asked = true;
    note(io, '\nStopping: no new requests; waiting for those in flight (Ctrl-C again to quit at once).');
    run.abort({ waitForInFlight: true, reason: 'Interrupted (Ctrl-C).' });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
