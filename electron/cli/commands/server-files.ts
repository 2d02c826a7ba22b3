/**
 * `gpjobs servers import FILE` and `gpjobs servers export [FILE]`: the desktop app's profiles file format,
 * without any secret. An import reports every entry (added, duplicate, invalid, and secret-looking fields
 * that were dropped).
 */
import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { readCappedFile, MAX_IMPORT_CHARS } from '../../core';
import type { ImportReport } from '../../core';
import type { ExitCode } from '../exit-codes';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, exitCodeFor } from '../exit-codes';
import { withService } from '../context';
import type { CliIo } from '../io';
import { note, out, reportError } from '../io';
import { serverOption } from '../options';
import { chooseProfiles, loadProfiles } from '../select';

/** Registers `import` and `export` on the `servers` command. */
export function registerServerFiles(servers: Command, io: CliIo, done: (code: ExitCode) => void): void {
  servers
    .command('import')
    .description('add the server profiles of a profiles file (exported by the app or gpjobs)')
    .argument('<file>', 'the profiles file ("-" for stdin)')
    .addHelpText(
      'after',
      '\nPasswords are never imported: set them with "gpjobs servers edit NAME --password-stdin".',
    )
    .action(async (file: string) => done(await importServers(io, file)));

  servers
    .command('export')
    .description('write server profiles (no passwords) as a profiles file')
    .argument('[file]', 'where to write (default: stdout); same as -o')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .addOption(serverOption(false))
    .action(async (file: string | undefined, flags: { server?: string[]; output?: string }) =>
      done(await exportServers(io, flags.output ?? file, flags.server ?? [])),
    );
}

/** The text of `file`, or of stdin for "-" (capped). */
export async function readInput(io: CliIo, file: string): Promise<string> {
  if (file !== '-') return readCappedFile(file, MAX_IMPORT_CHARS * 4);
  let text = '';
  for await (const chunk of io.stdin)
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}

/** The per-entry report as lines. */
export function renderImportReport(report: ImportReport): string {
  const lines = report.entries.map((e) => {
    const name = e.name ?? '(no name)';
    const what = e.outcome === 'added' ? 'added' : `skipped (${e.outcome}): ${e.reason ?? ''}`.trimEnd();
    const dropped = e.ignoredFields.length
      ? ` Ignored secret-looking field${e.ignoredFields.length === 1 ? '' : 's'}: ${e.ignoredFields.join(', ')} (never stored).`
      : '';
    return `  ${e.index}. ${name}: ${what}${dropped}`;
  });
  lines.push(`Added ${report.added}, duplicates ${report.duplicates}, invalid ${report.invalid}.`);
  return `${lines.join('\n')}\n`;
}

async function importServers(io: CliIo, file: string): Promise<ExitCode> {
  let text: string;
  try {
    text = await readInput(io, file);
  } catch (e) {
    reportError(io, { kind: 'invalid-input', message: `Cannot read ${file}: ${(e as Error).message}` });
    return EXIT_USAGE;
  }
  return withService(io, async (service) => {
    const imported = await service.profiles.importFile(text);
    if (!imported.ok) {
      reportError(io, imported.error);
      return exitCodeFor(imported.error);
    }
    out(io, renderImportReport(imported.value));
    if (imported.value.added > 0)
      note(io, "Set each new server's password with: gpjobs servers edit NAME --password-stdin");
    return imported.value.invalid > 0 ? EXIT_FAILED : EXIT_OK;
  });
}

async function exportServers(io: CliIo, file: string | undefined, names: string[]): Promise<ExitCode> {
  return withService(io, async (service) => {
    let ids: string[] | undefined;
    if (names.length) {
      const loaded = await loadProfiles(service, io);
      if (!loaded.ok) {
        reportError(io, loaded.error);
        return exitCodeFor(loaded.error);
      }
      const chosen = chooseProfiles(loaded.value, names);
      if (!chosen.ok) {
        reportError(io, chosen.error);
        return EXIT_USAGE;
      }
      ids = chosen.value.map((p) => p.id);
    }
    const json = await service.profiles.exportJson(ids);
    if (!json.ok) {
      reportError(io, json.error);
      return exitCodeFor(json.error);
    }
    return writeOutput(io, file, json.value, 'the server profiles (without passwords)');
  });
}

/** Writes `text` to `file`, or to stdout without one (or "-"); says where it went. */
export async function writeOutput(
  io: CliIo,
  file: string | undefined,
  text: string,
  what: string,
): Promise<ExitCode> {
  if (!file || file === '-') {
    io.stdout.write(text);
    return EXIT_OK;
  }
  try {
    await fs.writeFile(file, text, 'utf8');
  } catch (e) {
    reportError(io, { kind: 'config', message: `Cannot write ${file}: ${(e as Error).message}` });
    return EXIT_USAGE;
  }
  note(io, `Wrote ${what} to ${file}.`);
  return EXIT_OK;
}
