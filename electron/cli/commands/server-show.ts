/**
 * `gpjobs servers show NAME`: one server profile in full, and how long that server keeps finished jobs
 * (its jobs directory's clean-up), read from the server: "Finished jobs are kept 6 h by the server", or a
 * warning when it never removes them.
 */
import type { Command } from 'commander';
import { SERVICE_TYPES, SERVICE_TYPE_LABELS } from '../../core';
import { preparePasswords } from '../credentials';
import type { ExitCode } from '../exit-codes';
import { EXIT_OK, exitCodeFor } from '../exit-codes';
import type { CliIo } from '../io';
import { fail, out, reportError } from '../io';
import { formatOption } from '../options';
import { pickProfile } from '../select';
import { withPolicies } from './policy-run';

/** Adds `show <name> [--format table|json]` under `parent`, running `run`. */
export function addShowCommand(
  parent: Command,
  description: string,
  nameHelp: string,
  run: (name: string, format: 'table' | 'json') => Promise<ExitCode>,
  done: (code: ExitCode) => void,
): void {
  parent
    .command('show')
    .description(description)
    .argument('<name>', nameHelp)
    .addOption(formatOption(['table', 'json']))
    .action(async (name: string, flags: { format: 'table' | 'json' }) => done(await run(name, flags.format)));
}

/** Registers `servers show`. */
export function registerServerShow(servers: Command, io: CliIo, done: (code: ExitCode) => void): void {
  addShowCommand(
    servers,
    'show a server profile and how long the server keeps finished jobs',
    'the server profile (name, any case)',
    (name, format) => showServer(io, name, format),
    done,
  );
}

async function showServer(io: CliIo, name: string, format: 'table' | 'json'): Promise<ExitCode> {
  return withPolicies(io, async (service, policies) => {
    const found = await pickProfile(service, io, name);
    if (!found.ok) return fail(io, found.error);
    const { caCertPem, ...p } = found.value;
    const missing = (await preparePasswords(service, [found.value], io)).get(p.id);
    const retention = missing ? { ok: false as const, error: missing } : await policies.retention(p.id);
    if (format === 'json') {
      out(
        io,
        JSON.stringify(
          {
            ...p,
            caCertificate: caCertPem !== null,
            retention: retention.ok
              ? { ...retention.value.directory, line: retention.value.line, warning: retention.value.warning }
              : { error: retention.error.message },
          },
          null,
          2,
        ),
      );
    } else {
      const lines = [
        `${p.name}${p.managed ? ' (managed by your IT department)' : ''}${p.production ? ' (production)' : ''}`,
        `  URL:          ${p.serverUrl}`,
        ...(p.adminUrl ? [`  Admin URL:    ${p.adminUrl}`] : []),
        `  Sign-in:      ${p.authMode}${p.portalUrl ? ` via ${p.portalUrl}` : ''}, as ${p.username}`,
        `  Requests:     ${p.concurrency} at a time${caCertPem !== null ? '; trusts its own CA certificate' : ''}`,
        `  Jobs of:      ${(p.serviceTypes ?? SERVICE_TYPES).map((t) => `${SERVICE_TYPE_LABELS[t]} services`).join(', ')}`,
        `  Tags:         ${p.tags?.length ? p.tags.join(', ') : 'none'}`,
      ];
      if (retention.ok) {
        const d = retention.value.directory;
        lines.push(`  Retention:    ${retention.value.warning ? 'WARNING: ' : ''}${retention.value.line}`);
        lines.push(
          `                (${d.name}: cleanup ${d.cleanupMode}, max file age ${d.maxFileAgeMinutes ?? '?'} min${d.physicalPath ? `, ${d.physicalPath}` : ''})`,
        );
      }
      out(io, lines.join('\n'));
    }
    if (retention.ok) return EXIT_OK;
    reportError(io, retention.error, `server "${p.name}": could not read its job retention`);
    return exitCodeFor(retention.error);
  });
}
