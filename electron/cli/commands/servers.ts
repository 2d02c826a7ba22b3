/**
 * `gpjobs servers list | add | edit | remove | test | import | export`: the server profiles the desktop app
 * shows, in the same file, with passwords in the same keychain entries.
 */
import type { Command } from 'commander';
import type { JobAdminService, ProfileEntry } from '../../core';
import { err, isLockedKeychainError } from '../../core';
import { PASSWORD_ENV, withService } from '../context';
import { envPassword, preparePasswords, quoteArg } from '../credentials';
import type { ExitCode } from '../exit-codes';
import { EXIT_CONNECT, EXIT_FAILED, EXIT_OK, exitCodeFor, worstExit } from '../exit-codes';
import type { CliIo } from '../io';
import { describeError, fail, note, out, outputWidth, reportError } from '../io';
import { defaultList, formatOption } from '../options';
import { renderTable } from '../table';
import { chooseProfiles, loadProfiles, pickProfile } from '../select';
import type { CredentialsFile } from '../credentials-file';
import { readCredentialsFile } from '../credentials-file';
import { registerDiagnose } from './diagnose';
import { registerServerEdits } from './server-edit';
import { registerServerFiles } from './server-files';
import { registerServerRetention } from './server-retention';
import { registerServerShow } from './server-show';

/** Registers `servers` and its subcommands on `program`. */
export function registerServers(program: Command, io: CliIo, done: (code: ExitCode) => void): void {
  const servers = program.command('servers').description('set up the ArcGIS Server sites gpjobs works on');

  defaultList(servers)
    .description('list the server profiles and where their passwords are')
    .addOption(formatOption(['table', 'json']))
    .action(async (flags: { format: 'table' | 'json' }) => done(await listServers(io, flags.format)));

  registerServerShow(servers, io, done);
  registerServerRetention(servers, io, done);
  registerServerEdits(servers, io, done);

  servers
    .command('remove')
    .description('delete a server profile and its saved password')
    .argument('<name>', 'the server profile (name, any case)')
    .action(async (name: string) => done(await removeServer(io, name)));

  servers
    .command('test')
    .description('sign in to servers and show version, federation and admin rights')
    .argument('[names...]', 'server profiles to test (default: all)')
    .addHelpText(
      'after',
      `\nExit codes: 0 all fine, 2 unknown server, 3 a server could not be reached, signed in to, or\nthe account has no administrator rights. Passwords: see "gpjobs help auth".`,
    )
    .action(async (names: string[]) => done(await testServers(io, names)));

  registerServerFiles(servers, io, done);
  registerDiagnose(servers, io, done);
}

async function removeServer(io: CliIo, name: string): Promise<ExitCode> {
  return withService(io, async (service) => {
    const target = await pickProfile(service, io, name);
    if (!target.ok) return fail(io, target.error);
    const removed = await service.removeProfile(target.value.id);
    if (!removed.ok) return fail(io, removed.error);
    out(io, `Removed server "${target.value.name}" and its saved password.`);
    if (removed.value.credentialWarning) {
      note(io, `gpjobs: warning: ${describeError(removed.value.credentialWarning)}`);
      return EXIT_FAILED;
    }
    return EXIT_OK;
  });
}

async function listServers(io: CliIo, format: 'table' | 'json'): Promise<ExitCode> {
  return withService(io, async (service) => {
    const loaded = await loadProfiles(service, io);
    if (!loaded.ok) return fail(io, loaded.error);
    const read = await readCredentialsFile(io);
    if (!read.ok) note(io, `gpjobs: warning: ${describeError(read.error)}`);
    const file = read.ok ? read.value : null;
    const several = loaded.value.length > 1;
    const rows = await Promise.all(
      loaded.value.map(async (p) => ({
        profile: p,
        password: await passwordWhere(service, io, p, file, several),
      })),
    );
    if (format === 'json') {
      const json = rows.map(({ profile: { caCertPem, ...p }, password }) => ({
        ...p,
        caCertificate: caCertPem !== null,
        password: password.source,
        onlyWithServer: password.onlyWithServer,
      }));
      out(io, JSON.stringify(json, null, 2));
    } else if (rows.length === 0) {
      out(io, 'No servers yet: add one with "gpjobs servers add".');
    } else {
      out(
        io,
        renderTable(
          [
            { header: 'NAME', value: (r) => r.profile.name, min: 6 },
            { header: 'URL', value: (r) => r.profile.serverUrl, min: 24 },
            { header: 'AUTH', value: (r) => r.profile.authMode, shrink: false, dropOrder: 2 },
            { header: 'USER', value: (r) => r.profile.username, min: 6 },
            { header: 'CONC', value: (r) => String(r.profile.concurrency), align: 'right', dropOrder: 3 },
            { header: 'PROD', value: (r) => (r.profile.production ? 'yes' : 'no'), shrink: false },
            { header: 'TAGS', value: (r) => (r.profile.tags ?? []).join(',') || '-', min: 4, dropOrder: 4 },
            {
              header: 'MANAGED',
              value: (r) => (r.profile.managed ? 'yes' : 'no'),
              shrink: false,
              dropOrder: 1,
            },
            {
              header: 'PASSWORD',
              value: (r) =>
                r.password.onlyWithServer
                  ? `${r.password.source} (with --server ${quoteArg(r.profile.name)})`
                  : r.password.source,
              shrink: false,
            },
          ],
          rows,
          outputWidth(io),
        ),
      );
    }
    return EXIT_OK;
  });
}

/** Where a command would find a profile's password, and whether only a command naming that server alone uses it. */
interface PasswordSource {
  source: string;
  onlyWithServer: boolean;
}

/**
 * Where a command would find `p`'s password. With several profiles, GPJOBS_PASSWORD serves a command only
 * when it names this server alone (credentials.ts), so the table says how; the JSON keeps the plain source.
 */
async function passwordWhere(
  service: JobAdminService,
  io: CliIo,
  p: ProfileEntry,
  file: CredentialsFile | null,
  several: boolean,
): Promise<PasswordSource> {
  const status = await service.vault.status(p.id);
  const where = (source: string, onlyWithServer = false): PasswordSource => ({ source, onlyWithServer });
  if (status.stored !== 'none') return where(status.stored);
  if (file?.find(p)) return where('credentials file');
  if (envPassword(io) !== null) return where(PASSWORD_ENV, several);
  if (status.keychainError)
    return where(
      isLockedKeychainError(status.keychainError) ? 'none (keychain locked)' : 'none (no keychain)',
    );
  return where('none');
}

async function testServers(io: CliIo, names: string[]): Promise<ExitCode> {
  return withService(io, async (service) => {
    const loaded = await loadProfiles(service, io);
    if (!loaded.ok) return fail(io, loaded.error);
    const chosen = chooseProfiles(loaded.value, names);
    if (!chosen.ok) return fail(io, chosen.error);
    const missing = await preparePasswords(service, chosen.value, io);
    const results = await Promise.all(
      chosen.value.map(async (p) => ({
        p,
        result: missing.has(p.id) ? err<never>(missing.get(p.id)!) : await service.testConnection(p.id),
      })),
    );
    let code: ExitCode = EXIT_OK;
    for (const { p, result } of results) {
      if (!result.ok) {
        reportError(io, result.error, p.name);
        code = worstExit(code, exitCodeFor(result.error));
        continue;
      }
      const info = result.value;
      const federated = info.federated ? `federated with ${info.portalUrl ?? 'a portal'}` : 'not federated';
      const rights = info.isAdmin
        ? 'administrator rights: yes'
        : 'administrator rights: NO (this account cannot list, cancel or delete jobs)';
      out(
        io,
        `${p.name}: ArcGIS Server ${info.version}, ${federated}, signed in as ${info.user ?? p.username}, ${rights}.`,
      );
      if (!info.isAdmin) code = worstExit(code, EXIT_CONNECT);
    }
    return code;
  });
}
