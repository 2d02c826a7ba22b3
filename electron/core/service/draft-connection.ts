/**
 * Testing a server profile as the form (or a command) holds it, before anything is saved: the draft is
 * checked as Save would check it, signs in with a client of its own that is closed afterwards, and
 * nothing is written (no profile, no keychain entry, no connection state of the saved profile). Save
 * stays the only write, so an administrator can try a URL or a password and walk away from it.
 */
import type { ArcGisClient, ConnectionInfo } from '../arcgis';
import { passwordFrom } from '../arcgis';
import { checkPassword } from '../credentials/credential-store';
import type { CredentialVault } from '../credentials/vault';
import { changesInWords, passwordBindingChanges } from '../profiles/host-change';
import type { ProfileInput } from '../profiles/schema';
import { parseProfileInput } from '../profiles/schema';
import type { ProfileStore } from '../profiles/store';
import type { Profile, Result } from '../types';
import { err, ok } from '../types';

/** What a draft test reads, and how it builds its throwaway client. */
export interface DraftTestDeps {
  profiles: ProfileStore;
  vault: CredentialVault;
  scratchClient: (
    profile: Profile,
    getPassword: () => Promise<Result<string>>,
  ) => { client: ArcGisClient; release: () => Promise<void> };
}

/** The id a draft of a new profile signs in under (it has none yet; nothing is stored by it). */
const DRAFT_ID = 'unsaved-draft';

/**
 * Signs in with `input` and reports version, federation and admin rights. The password is `password`
 * when given, else the saved one of the existing profile `input.id`, used only when the draft keeps the
 * URLs, sign-in mode, user name and CA certificate it was entered for (see host-change.ts); any change
 * of these needs the password typed again.
 */
export async function testDraftConnection(
  deps: DraftTestDeps,
  input: ProfileInput,
  password?: string,
): Promise<Result<ConnectionInfo>> {
  const parsed = parseProfileInput(input);
  if (!parsed.ok) return parsed;
  let getPassword: () => Promise<Result<string>>;
  if (password) {
    // A password Save would refuse (NUL, too long) is refused here too, before it is sent anywhere.
    const checked = checkPassword(password);
    if (!checked.ok) return checked;
    getPassword = async () => ok(password);
  } else if (!input.id) {
    return err({ kind: 'auth', message: 'Enter the password to test the connection.' });
  } else {
    const before = await deps.profiles.get(input.id);
    if (!before.ok) return before;
    const changed = passwordBindingChanges(before.value, input);
    if (changed.length > 0) {
      return err({
        kind: 'auth',
        message:
          `Enter the password to test this draft: the saved one is only used with what it was entered ` +
          `for, and this draft changes ${changesInWords(changed)}.`,
      });
    }
    getPassword = passwordFrom(deps.vault, input.id);
  }
  const { id, ...fields } = parsed.value;
  const scratch = deps.scratchClient({ ...fields, id: id ?? DRAFT_ID }, getPassword);
  try {
    return await scratch.client.testConnection();
  } finally {
    await scratch.release();
  }
}
