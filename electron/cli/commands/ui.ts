/**
 * `gpjobs ui [--port N] [--no-open]`: the desktop app's workspace in a web browser, for machines where
 * its window cannot run (a jump host, a server reached over SSH). Serves on 127.0.0.1 only; the address it
 * prints carries this launch's key. Ctrl-C stops it; a run in progress ends as when the app quits.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { openSecretUrl } from '../../web/open-browser';
import type { WebUi } from '../../web/web-ui';
import { bundledRendererDir, startWebUi } from '../../web/web-ui';
import type { ExitCode } from '../exit-codes';
import { EXIT_OK } from '../exit-codes';
import type { CliIo } from '../io';
import { fail, note, out } from '../io';
import { intInRange } from '../options';

/** Registers `ui` on `program`. */
export function registerUi(program: Command, io: CliIo, done: (code: ExitCode) => void): void {
  program
    .command('ui')
    .description('open the workspace in a browser (127.0.0.1 only)')
    .addOption(
      new Option('--port <n>', 'port on 127.0.0.1 (0: any free port)')
        .argParser(intInRange(0, 65535))
        .default(0),
    )
    .option('--no-open', 'only print the address; do not open a browser')
    .addHelpText(
      'after',
      "\nThe printed address carries this launch's key: whoever has it gets in. From another machine, forward\n" +
        'the same port over SSH (ssh -N -L 8765:127.0.0.1:8765 you@this-host with --port 8765) and open it there.',
    )
    .action(async (flags: { port: number; open: boolean }) => done(await serveUi(io, flags)));
}

function rendererDir(): string {
  // The bundle (dist/cli/gpjobs.cjs) has __dirname; from source (tsx) the script's own folder stands in.
  const here = typeof __dirname === 'string' ? __dirname : path.dirname(process.argv[1] ?? '.');
  return bundledRendererDir(here);
}

async function serveUi(io: CliIo, flags: { port: number; open: boolean }): Promise<ExitCode> {
  const started = await startWebUi({ env: io.env, rendererDir: rendererDir(), port: flags.port });
  if (!started.ok) return fail(io, started.error);
  const ui = started.value;
  out(io, ui.server.url);
  note(
    io,
    `GP Job Admin is served at the address above (127.0.0.1 only). Its key lets whoever has it in: keep it ` +
      `private.\nOver SSH, forward the same port first: ssh -L ${ui.server.port}:127.0.0.1:${ui.server.port} <this host>\n` +
      'Ctrl-C stops it.',
  );
  let removeRedirect = (): void => undefined;
  if (flags.open) {
    const { opened, redirect } = await openSecretUrl(ui.server.url);
    removeRedirect = redirect.remove;
    if (!opened.ok)
      note(io, `Could not open a browser (${opened.error.message}): open the address yourself.`);
  }
  await untilInterrupted(io);
  removeRedirect();
  await stop(io, ui);
  return EXIT_OK;
}

/** Resolves on the first Ctrl-C (or SIGTERM); a second one leaves at once, as during a CLI run. */
function untilInterrupted(io: CliIo): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.once('SIGINT', () => process.exit(130));
      note(
        io,
        '\nStopping: no new requests; a run in progress waits for those in flight (Ctrl-C again to quit at once).',
      );
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

async function stop(io: CliIo, ui: WebUi): Promise<void> {
  await ui.stop();
  note(io, 'Stopped.');
}
