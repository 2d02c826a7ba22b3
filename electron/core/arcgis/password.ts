/**
 * The one thing the client needs from the credential store: a profile's password. Defined here, minimal,
 * so the client does not depend on the store's module.
 */
import type { Result } from '../types';
import { err, ok } from '../types';

/** The part of the credential store the client reads. */
export interface PasswordStore {
  get(profileId: string): Promise<Result<string | null>>;
}

/** A `ClientDeps.getPassword` over a credential store: a missing password is an `auth` error saying what to do. */
export function passwordFrom(store: PasswordStore, profileId: string): () => Promise<Result<string>> {
  return async () => {
    const r = await store.get(profileId);
    if (!r.ok) return r;
    if (r.value === null || r.value === '') {
      return err({
        kind: 'auth',
        noPassword: true,
        message: 'No password is saved for this server; enter it in the server profile.',
      });
    }
    return ok(r.value);
  };
}
