/**
 * Deleting a profile together with its saved password, in one place, so no caller forgets the keychain.
 */
import type { CredentialVault } from '../credentials/vault';
import type { AppError, Profile, Result } from '../types';
import { ok } from '../types';
import type { ProfileStore } from './store';

/** What deleting a profile did; `credentialWarning` says when its keychain entry could not be removed. */
export interface RemovedProfile {
  profile: Profile;
  credentialWarning?: AppError;
}

/**
 * Deletes a user profile, then its password (keychain entry and any session copy). Managed or unknown
 * profiles are refused and nothing is touched. If the keychain cannot be reached, the profile is still
 * deleted and the warning names the entry left behind, so a machine without a keychain can always delete.
 */
export async function removeProfileWithCredentials(
  store: ProfileStore,
  vault: CredentialVault,
  profileId: string,
): Promise<Result<RemovedProfile>> {
  const found = await store.get(profileId);
  if (!found.ok) return found;
  // The store refuses managed profiles, so a refused delete leaves the password alone too.
  const removed = await store.remove(profileId);
  if (!removed.ok) return removed;
  const { managed: _managed, ...profile } = found.value;
  const cleared = await vault.clear(profileId);
  if (cleared.ok) return ok({ profile });
  return ok({
    profile,
    credentialWarning: {
      ...cleared.error,
      message:
        `"${profile.name}" was deleted, but its saved password could not be removed from the keychain. ` +
        `${cleared.error.message} The leftover entry's account is ${profileId}.`,
    },
  });
}
