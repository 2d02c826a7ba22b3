/**
 * `gpjobs servers diagnose NAME [--out FILE]`: signs in to one server and writes a diagnostics report of
 * the shapes of its answers (keys, value types, HTTP status, content type, versions, timings), with no
 * token, password, user or host name, job id or message in it, ready to attach to a bug report.
 */
import type { Command } from 'commander';
import { withService } from '../context';
import { preparePasswords } from '../credentials';
import type { ExitCode } from '../exit-codes';
import { EXIT_CONNECT, EXIT_OK } from '../exit-codes';
import type { CliIo } from '../io';
import { fail, note } from '../io';
import { pickProfile } from '../select';
import { writeOutput } from './server-files';

/** Registers `servers diagnose` on the `servers` command. */
export function registerDiagnose(servers: Command, io: CliIo, done: (code: ExitCode) => void): void {
  servers
    .command('diagnose')
    .description("write a report of the shapes of a server's answers, for a bug report (nothing identifying)")
    .argument('<name>', 'the server profile (name, any case)')
    .option('--out <file>', 'write the report to this file instead of standard output')
    .addHelpText(
      'after',
      '\nThe report holds keys, value types, HTTP statuses, content types, versions and timings only.\n' +
        'Exit codes: 0 written, 2 unknown server or file not writable, 3 sign-in failed (report still written).',
    )
    .action(async (name: string, flags: { out?: string }) => done(await diagnose(io, name, flags.out)));
}

async function diagnose(io: CliIo, name: string, file: string | undefined): Promise<ExitCode> {
  return withService(io, async (service) => {
    const target = await pickProfile(service, io, name);
    if (!target.ok) return fail(io, target.error);
    const missing = (await preparePasswords(service, [target.value], io)).get(target.value.id);
    if (missing) return fail(io, missing);
    const client = await service.client(target.value.id);
    if (!client.ok) return fail(io, client.error);
    const report = await client.value.diagnose();
    if (!report.ok) return fail(io, report.error);
    const text = `${JSON.stringify(report.value, null, 2)}\n`;
    const what = `the diagnostics report of "${target.value.name}"`;
    const written = await writeOutput(io, file, text, what);
    if (written !== EXIT_OK) return written;
    if (report.value.signIn.ok) return EXIT_OK;
    note(
      io,
      `gpjobs: sign-in to "${target.value.name}" failed (${report.value.signIn.error?.kind}); the report says where.`,
    );
    return EXIT_CONNECT;
  });
}
