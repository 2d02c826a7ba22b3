/**
 * The password of `gpjobs servers add` and `servers edit`: where it is read from (stdin, a prompt without
 * echo, or GPJOBS_PASSWORD for add only; never an argument), the sign-in that checks it before add saves
 * anything, and saving it in the keychain, each failure reported with its way out.
 */
import type { JobAdminService, Profile, ProfileInput, Result } from '../../core';
import { err, ok } from '../../core';
import { PASSWORD_ENV } from '../context';
import { envPassword } from '../credentials';
import type { ExitCode } from '../exit-codes';
import { EXIT_OK, exitCodeFor } from '../exit-codes';
import type { CliIo } from '../io';
import { describeError, interactive, note, reportError } from '../io';
import { promptPassword, readPasswordStdin } from '../password-input';

/** The password flags of add and edit. */
export interface PasswordFlags {
  passwordStdin?: boolean;
  passwordPrompt?: boolean;
}

/** A password and whether it came from GPJOBS_PASSWORD. */
export interface Secret {
  password: string;
  fromEnv: boolean;
}

const invalid = (message: string): Result<never> => err({ kind: 'invalid-input', message });

/** The password for add/edit: stdin, a prompt, or (add only) GPJOBS_PASSWORD; null when none was asked. */
export async function obtainPassword(
  io: CliIo,
  flags: PasswordFlags,
  mustHave: boolean,
  who: string,
): Promise<Result<Secret | null>> {
  if (flags.passwordStdin) return nonEmpty(await readPasswordStdin(io));
  if (flags.passwordPrompt || (mustHave && interactive(io))) {
    if (!interactive(io)) return invalid('--password-prompt needs a terminal; use --password-stdin.');
    const typed = await promptPassword(io, `Password for ${who}: `);
    return typed === null ? invalid('No password entered: nothing was changed.') : nonEmpty(typed);
  }
  if (!mustHave) return ok(null);
  const fromEnv = envPassword(io);
  if (fromEnv !== null) return ok({ password: fromEnv, fromEnv: true });
  return invalid(
    `No password given: use --password-stdin, run on a terminal to be asked, or set ${PASSWORD_ENV}.`,
  );
}

function nonEmpty(password: string): Result<Secret> {
  return password === ''
    ? invalid('The password is empty: nothing was changed.')
    : ok({ password, fromEnv: false });
}

/** Saves the password in the keychain; reports and returns the exit code of a failure. */
export async function savePassword(
  service: JobAdminService,
  io: CliIo,
  profile: Profile,
  secret: Secret,
): Promise<ExitCode> {
  const saved = await service.setPassword(profile.id, secret.password);
  if (saved.ok) {
    note(io, `Password for "${profile.name}" saved in the keychain.`);
    return EXIT_OK;
  }
  if (secret.fromEnv && saved.error.kind === 'keychain') {
    note(io, `gpjobs: warning: the password was not saved: ${describeError(saved.error)}`);
    note(io, `gpjobs will use ${PASSWORD_ENV} for "${profile.name}" when it runs.`);
    return EXIT_OK;
  }
  reportError(io, saved.error, `the password for "${profile.name}" was not saved`);
  return exitCodeFor(saved.error);
}

/**
 * Signs in with the profile `input` and the new password before anything is saved (as the desktop app's
 * Test connection, see JobAdminService.testDraft). On failure nothing is saved; the reason and how to fix
 * it are printed (exit 3 or 2), so the same command can be run again once fixed.
 */
export async function signInFirst(
  service: JobAdminService,
  io: CliIo,
  input: ProfileInput,
  password: string,
): Promise<ExitCode> {
  const tested = await service.testDraft(input, password);
  if (tested.ok) {
    const info = tested.value;
    note(io, `Signed in: ArcGIS Server ${info.version}, as ${info.user ?? input.username}.`);
    if (!info.isAdmin) {
      note(
        io,
        `gpjobs: warning: "${input.username}" has no administrator rights: it cannot list, cancel or delete jobs.`,
      );
    }
    return EXIT_OK;
  }
  if (tested.error.kind === 'invalid-input') {
    reportError(io, tested.error); // the profile itself: its reason says what to fix
    return exitCodeFor(tested.error);
  }
  reportError(io, tested.error, `could not sign in to "${input.name}", so nothing was saved`);
  // An untrusted certificate is fixed by the profile's CA file.
  const fix =
    tested.error.kind === 'tls'
      ? 'For a certificate your own CA issued, add its PEM file (--ca-file CA.pem)'
      : 'Fix it';
  note(io, `${fix} and run the command again (or add the server offline with --no-verify).`);
  return exitCodeFor(tested.error);
}
