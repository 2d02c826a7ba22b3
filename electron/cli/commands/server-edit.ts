/**
 * `gpjobs servers add` and `gpjobs servers edit`: a profile from flags, its password from stdin, a prompt
 * without echo, or GPJOBS_PASSWORD (add only) — never from an argument, which other users could see in `ps`
 * (see server-password.ts).
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import {
  changesInWords,
  passwordBindingChanges,
  readCappedFile,
  MAX_PEM_CHARS,
  SERVICE_TYPES,
  err,
  nameClash,
  nameClashError,
  ok,
} from '../../core';
import type { JobAdminService, ProfileInput, Profile, Result, ServiceType } from '../../core';
import { PASSWORD_ENV, withService } from '../context';
import { quoteArg } from '../credentials';
import type { ExitCode } from '../exit-codes';
import { EXIT_OK } from '../exit-codes';
import type { CliIo } from '../io';
import { fail, note, out } from '../io';
import { collect, parseServiceType, TYPE_HELP } from '../filters';
import { intInRange } from '../options';
import { pickProfile } from '../select';
import { obtainPassword, savePassword, signInFirst } from './server-password';
import type { PasswordFlags } from './server-password';

/** Flags of `servers add` and `servers edit`. */
interface ProfileFlags extends PasswordFlags {
  name?: string;
  url?: string;
  username?: string;
  auth?: 'server' | 'portal';
  portalUrl?: string;
  adminUrl?: string;
  caFile?: string | false;
  concurrency?: number;
  production?: boolean;
  /** `--types`: the service types scanned (absent: unchanged, or every type for a new server). */
  types?: ServiceType[];
  /** `--tags` (a list) or `--no-tags` (false: remove every tag). */
  tags?: string[] | false;
  color?: string;
  /** `servers add` only: false with `--no-verify`. */
  verify?: boolean;
}

/** Registers `add` and `edit` on the `servers` command. */
export function registerServerEdits(servers: Command, io: CliIo, done: (code: ExitCode) => void): void {
  profileOptions(
    servers.command('add').description('add a server profile, sign in to check it, save its password'),
    true,
  )
    .option('--no-verify', 'save without signing in first (offline set-up)')
    .addHelpText(
      'after',
      `
The password is read from stdin with --password-stdin, asked for on a terminal (not echoed), or taken
from ${PASSWORD_ENV} when neither applies (unattended set-up). gpjobs signs in with it first: if that
fails, nothing is saved (exit 3); fix it and run the command again. The password is saved in the OS
keychain, never in a file, and never given as an argument.

Example:
  printf '%s' "$PW" | gpjobs servers add --name Prod --url https://gis.example.com/arcgis \\
    --username siteadmin --production --password-stdin`,
    )
    .action(async (flags: ProfileFlags) => done(await addServer(io, flags)));

  profileOptions(
    servers
      .command('edit')
      .description('change a server profile (only the options given change)')
      .argument('<name>', 'the server profile (name, any case)'),
    false,
  )
    .option('--password-prompt', 'ask for a new password on the terminal')
    .addOption(new Option('--no-production', 'mark the server as not production'))
    .addOption(new Option('--no-ca-file', 'stop trusting a server-specific CA certificate'))
    .addOption(new Option('--no-tags', 'remove every tag of the server'))
    .action(async (name: string, flags: ProfileFlags) => done(await editServer(io, name, flags)));
}

function profileOptions(cmd: Command, required: boolean): Command {
  const opt = (flags: string, description: string) => {
    const o = new Option(flags, required ? `required: ${description}` : description);
    if (required) o.makeOptionMandatory();
    return o;
  };
  return cmd
    .addOption(opt('--name <name>', 'a name for the server (unique)'))
    .addOption(opt('--url <url>', 'the site root, e.g. https://gis.example.com/arcgis'))
    .addOption(opt('--username <user>', 'an administrator account'))
    .addOption(
      new Option(
        '--auth <mode>',
        'how to sign in: server (ArcGIS Server token) or portal (federated)',
      ).choices(['server', 'portal']),
    )
    .option('--portal-url <url>', 'the portal of a federated server, e.g. https://gis.example.com/portal')
    .option('--admin-url <url>', 'a separate site root for admin calls, e.g. https://gis01:6443/arcgis')
    .option('--ca-file <path>', 'PEM file of a CA certificate to trust for this server only')
    .addOption(
      new Option(
        '--concurrency <n>',
        `simultaneous requests to this server (1-64${required ? ', default 8' : ''})`,
      ).argParser(intInRange(1, 64)),
    )
    .option('--production', 'a production server: bulk actions ask for the job count to be typed')
    .addOption(
      new Option(
        '--types <types>',
        `service types whose jobs are listed: ${required ? TYPE_HELP : 'gp, map, image (comma-separated)'}`,
      ).argParser(collect(parseServiceType)),
    )
    .addOption(
      new Option(
        '--tags <tags>',
        'tags policies select the server by, e.g. production,emea (comma-separated or repeated)',
      ).argParser(collect((v: string) => v)),
    )
    .option(
      '--color <hex>',
      `colour shown in the desktop app, e.g. #00838f${required ? ' (default: the next colour of the palette)' : ''}`,
    )
    .option('--password-stdin', 'read the password from stdin');
}

async function readCa(path: string | false | undefined): Promise<Result<string | null | undefined>> {
  if (path === undefined) return ok(undefined);
  if (path === false) return ok(null);
  try {
    return ok(await readCappedFile(path, MAX_PEM_CHARS * 4));
  } catch (e) {
    return err({
      kind: 'invalid-input',
      message: `Cannot read the CA file ${path}: ${(e as Error).message}`,
    });
  }
}

function input(flags: ProfileFlags, ca: string | null | undefined, base?: Profile): ProfileInput {
  const given = <T>(value: T | undefined, fallback: T): T => (value === undefined ? fallback : value);
  const blankNull = (v: string | undefined, fallback: string | null): string | null =>
    v === undefined ? fallback : v.trim() === '' ? null : v;
  return {
    ...(base ? { id: base.id } : {}),
    name: given(flags.name, base?.name ?? ''),
    serverUrl: given(flags.url, base?.serverUrl ?? ''),
    username: given(flags.username, base?.username ?? ''),
    authMode: given(flags.auth, base?.authMode ?? 'server'),
    portalUrl: blankNull(flags.portalUrl, base?.portalUrl ?? null),
    adminUrl: blankNull(flags.adminUrl, base?.adminUrl ?? null),
    caCertPem: ca === undefined ? (base?.caCertPem ?? null) : ca,
    concurrency: given(flags.concurrency, base?.concurrency ?? 8),
    production: given(flags.production, base?.production ?? false),
    ...scanned(flags.types ?? base?.serviceTypes),
    ...(flags.tags === false ? {} : { tags: flags.tags ?? base?.tags ?? [] }),
    ...(flags.color !== undefined ? { color: flags.color } : {}), // none: the store keeps the old one or picks the next
  };
}

/** The `serviceTypes` field: left out when every type is scanned (what a profile without it means). */
function scanned(types: readonly ServiceType[] | undefined): { serviceTypes?: ServiceType[] } {
  const unique = [...new Set(types ?? [])];
  return unique.length === 0 || unique.length === SERVICE_TYPES.length ? {} : { serviceTypes: unique };
}

async function addServer(io: CliIo, flags: ProfileFlags): Promise<ExitCode> {
  const ca = await readCa(flags.caFile);
  if (!ca.ok) return fail(io, ca.error);
  return withService(io, async (service) => {
    const profile = input(flags, ca.value);
    // A name in use is refused before the password is asked for and before any sign-in (Save would
    // refuse it after both).
    const listed = await service.profiles.list();
    const clash = listed.ok ? nameClash(listed.value, profile.name) : undefined;
    if (clash) return fail(io, nameClashError(clash));
    const secret = await obtainPassword(io, flags, true, `${flags.username} at ${flags.url}`);
    if (!secret.ok) return fail(io, secret.error);
    if (flags.verify !== false) {
      const signedIn = await signInFirst(service, io, profile, secret.value!.password);
      if (signedIn !== EXIT_OK) return signedIn;
    }
    const saved = await service.saveProfile(profile);
    if (!saved.ok) return fail(io, saved.error);
    const code = await savePassword(service, io, saved.value, secret.value!);
    // A profile kept without its password would make the same command fail on the name: take it back.
    if (code !== EXIT_OK) return takeBack(service, io, saved.value, code);
    out(io, `Added server "${saved.value.name}" (${saved.value.serverUrl}).`);
    if (code === EXIT_OK && flags.verify === false)
      note(io, `Not checked (--no-verify): gpjobs servers test ${quoteArg(saved.value.name)}`);
    return code;
  });
}

/** Removes the server `add` just saved when its password could not be, so the same command works once fixed. */
async function takeBack(
  service: JobAdminService,
  io: CliIo,
  profile: Profile,
  code: ExitCode,
): Promise<ExitCode> {
  const removed = await service.removeProfile(profile.id);
  const name = quoteArg(profile.name);
  if (removed.ok) {
    note(
      io,
      `Nothing was saved ("${profile.name}" was not kept without its password). Fix it and run the command ` +
        `again, or set ${PASSWORD_ENV} to add the server without a saved password.`,
    );
  } else {
    note(
      io,
      `"${profile.name}" was saved without its password: give it with gpjobs servers edit ${name} --password-stdin.`,
    );
  }
  return code;
}

async function editServer(io: CliIo, name: string, flags: ProfileFlags): Promise<ExitCode> {
  const ca = await readCa(flags.caFile);
  if (!ca.ok) return fail(io, ca.error);
  return withService(io, async (service) => {
    const target = await pickProfile(service, io, name);
    if (!target.ok) return fail(io, target.error);
    // A new name in use is refused before the password is read, as in add.
    if (flags.name !== undefined) {
      const listed = await service.profiles.list();
      const clash = listed.ok ? nameClash(listed.value, flags.name, target.value.id) : undefined;
      if (clash) return fail(io, nameClashError(clash));
    }
    const secret = await obtainPassword(
      io,
      flags,
      false,
      `${target.value.username} at ${target.value.serverUrl}`,
    );
    if (!secret.ok) return fail(io, secret.error);
    const changed = Object.entries(flags).some(([k, v]) => v !== undefined && !k.startsWith('password'));
    let profile: Profile = target.value;
    const bound = changed ? passwordBindingChanges(target.value, input(flags, ca.value, target.value)) : [];
    if (bound.length > 0 && !secret.value) {
      return fail(io, {
        kind: 'invalid-input',
        message:
          `This edit of "${target.value.name}" changes ${changesInWords(bound)}, and its saved password is only used with ` +
          'what it was entered for: give the password again with --password-stdin (or --password-prompt). Nothing was changed.',
      });
    }
    if (changed) {
      const saved = await service.saveProfile(input(flags, ca.value, target.value));
      if (!saved.ok) return fail(io, saved.error);
      profile = saved.value;
      out(io, `Updated server "${profile.name}".`);
    }
    if (secret.value) return savePassword(service, io, profile, secret.value);
    if (!changed) note(io, 'Nothing to change: give the options to change (see gpjobs help servers edit).');
    return EXIT_OK;
  });
}
