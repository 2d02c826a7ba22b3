/**
 * Exporting the results of many runs at once (`gpjobs runs export --since ...`), so a site can archive
 * its audit log to its own storage before retention removes it. Streams run by run: memory stays one run.
 */
import type { AuditRunInfo } from './audit-reader';
import type { AuditStore } from './audit-store';
import { csvField, EXPORT_COLUMNS, toExportRow } from './export';
import type { ExportRow } from './export';

/** Columns of an archive: the run export's, plus which run and which OS user. */
export const ARCHIVE_COLUMNS = ['runId', ...EXPORT_COLUMNS, 'osUser'] as const;

/** One archive row. */
export type ArchiveRow = ExportRow & { runId: string; osUser: string };

/** Which runs to export: started at or after `since`, before or at `until` (epoch ms). */
export interface ArchiveRange {
  since: number;
  until?: number;
}

/** What an export wrote. */
export interface ArchiveReport {
  runs: number;
  rows: number;
}

/** The runs of `runs` that started within `range`, oldest first. */
export function runsInRange(runs: readonly AuditRunInfo[], range: ArchiveRange): AuditRunInfo[] {
  return runs.filter((r) => {
    const t = Date.parse(r.startedAt);
    return t >= range.since && (range.until === undefined || t <= range.until);
  });
}

/**
 * Writes the results of every run in `range` as CSV (one header, CRLF lines) or JSON (an array, one row per
 * line), through `write` (which may wait for the output to drain).
 */
export async function exportArchive(
  store: AuditStore,
  range: ArchiveRange,
  format: 'csv' | 'json',
  write: (chunk: string) => Promise<void>,
): Promise<ArchiveReport> {
  const runs = runsInRange(await store.listRuns(), range);
  let rows = 0;
  await write(format === 'csv' ? `${ARCHIVE_COLUMNS.join(',')}\r\n` : '[');
  for (const run of runs) {
    const read = await store.runResults(run.runId);
    if (!read.ok) continue;
    const lines: string[] = [];
    for (const r of read.value.results) {
      const row: ArchiveRow = { runId: run.runId, ...toExportRow(r), osUser: r.osUser ?? run.osUser };
      lines.push(
        format === 'csv'
          ? `${ARCHIVE_COLUMNS.map((c) => csvField(row[c])).join(',')}\r\n`
          : `${rows + lines.length === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`,
      );
    }
    rows += lines.length;
    if (lines.length) await write(lines.join(''));
  }
  if (format === 'json') await write(rows === 0 ? ']\n' : '\n]\n');
  return { runs: runs.length, rows };
}
