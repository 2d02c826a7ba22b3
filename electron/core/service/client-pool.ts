/**
 * One ArcGIS client per profile, shared by listing, job detail and bulk runs: built on first use, rebuilt
 * when the profile changes, closed when it goes. A bulk run at another concurrency than the profile's
 * leases a client of its own, since every request goes through a client's limiter (overriding only the
 * run would cap it at the profile's setting); it shares the profile's client's `Retry-After` pause, so a
 * server has one pause whatever the concurrency of its runs. A pause still running when the profile is
 * saved (renamed, say) goes on to the client built next for it, unless the save changed its REST or its
 * admin URL (most requests go to the admin URL when one is set: arcgis/paths.ts). URLs are compared as
 * typed, so an alias of the same host starts without the pause.
 */
import { ArcGisClient, DEFAULT_READ_RETRY, createNodeFetch, passwordFrom } from '../arcgis';
import type { FetchLike, ReadRetryNotice } from '../arcgis';
import type { ServerHold } from '../arcgis/retry-after';
import type { CredentialVault } from '../credentials/vault';
import type { ProfileStore } from '../profiles/store';
import type { Profile, Result } from '../types';
import { ok } from '../types';

/** A transport for one profile; `close` releases its connection pool. */
export type TransportFactory = (profile: Profile) => FetchLike & { close?: () => Promise<void> };

/** What the pool builds clients from. */
export interface ClientPoolOptions {
  profiles: ProfileStore;
  vault: CredentialVault;
  /**
   * The transport for profiles without their own CA (Electron passes `net`, for the system proxy and OS
   * trust store). A profile with a CA certificate always uses Node's TLS trusting that CA for that server
   * only, since Chromium's stack cannot trust a CA per server.
   */
  transport?: TransportFactory;
  /** Per-request timeout (the client's default when absent). */
  timeoutMs?: number;
  now: () => number;
  /**
   * Told when a read of a saved profile's server is retried (a notice), or one that was retried ended
   * (null: it got through, or it failed for good).
   */
  onReadRetry?: (profileId: string, notice: ReadRetryNotice | null) => void;
}

/** A client borrowed for a run; `release` closes it when it was built for the run alone. */
export interface ClientLease {
  client: ArcGisClient;
  release: () => Promise<void>;
}

interface Built {
  client: ArcGisClient;
  close?: () => Promise<void>;
}

/** The URLs a profile's requests go to (REST and admin): a pause is carried only while both stay. */
function urlsOf(profile: Profile): string {
  return `${profile.serverUrl}\n${profile.adminUrl ?? ''}`;
}

const KEEP = async (): Promise<void> => undefined;

/** See the module comment. */
export class ClientPool {
  private readonly entries = new Map<string, Built & { fingerprint: string }>();
  /**
   * The pause of a dropped client that was running then, by profile id, for its next client of that URL (a
   * removed profile's stays until `dispose`: one small object).
   */
  private readonly pauses = new Map<string, { urls: string; hold: ServerHold }>();

  constructor(private readonly options: ClientPoolOptions) {}

  /** The client of a profile, built once and rebuilt when the profile changes. */
  async client(profileId: string): Promise<Result<ArcGisClient>> {
    const found = await this.options.profiles.get(profileId);
    return found.ok ? ok(await this.clientOf(found.value)) : found;
  }

  /** The client of `profile` as just read from the store (built once, rebuilt when it changed). */
  private async clientOf(profile: Profile): Promise<ArcGisClient> {
    const profileId = profile.id;
    const fingerprint = JSON.stringify(profile);
    const cached = this.entries.get(profileId);
    if (cached && cached.fingerprint === fingerprint) return cached.client;
    // No await from here to `set`: a second caller meanwhile would build a client of its own (the carried
    // pause going to one, the other left unclosed). The old transport closes after.
    const closing = cached ? this.detach(profileId) : undefined;
    const paused = this.pauses.get(profileId);
    this.pauses.delete(profileId);
    const hold = paused?.urls === urlsOf(profile) ? paused.hold : undefined;
    const entry = { ...this.build(profile, undefined, true, hold), fingerprint };
    this.entries.set(profileId, entry);
    await closing;
    return entry.client;
  }

  /**
   * A client for a run at `concurrency` simultaneous requests: the shared one when that is the profile's
   * own setting, else one of its own that `release` closes.
   */
  async lease(profileId: string, concurrency: number): Promise<Result<ClientLease>> {
    const found = await this.options.profiles.get(profileId);
    if (!found.ok) return found;
    const shared = await this.clientOf(found.value);
    if (found.value.concurrency === concurrency) return ok({ client: shared, release: KEEP });
    // Its own limiter, but the server's one `Retry-After` pause: the shared client's.
    const { client, close } = this.build({ ...found.value, concurrency }, undefined, true, shared.hold);
    return ok({ client, release: close ?? KEEP });
  }

  /**
   * A client of a profile that is not (or not yet) saved, signing in with `getPassword`: shares nothing
   * with the pool's clients, and `release` closes it (the server form's test of a draft).
   */
  scratch(profile: Profile, getPassword: () => Promise<Result<string>>): ClientLease {
    const { client, close } = this.build(profile, getPassword, false);
    return { client, release: close ?? KEEP };
  }

  /** Makes the profile's client sign in again on its next request (its password changed). */
  clearToken(profileId: string): void {
    this.entries.get(profileId)?.client.clearToken();
  }

  /**
   * Closes and forgets a profile's client (it changed or was removed); a `Retry-After` pause still running
   * is kept for the profile's next client of the same REST and admin URLs, a refusal of a wait too long is not.
   */
  async drop(profileId: string): Promise<void> {
    await this.detach(profileId);
  }

  /** `drop`'s bookkeeping, done at once; the promise is the old transport's closing. */
  private detach(profileId: string): Promise<void> | undefined {
    const entry = this.entries.get(profileId);
    this.entries.delete(profileId);
    // Only a pause (60 s at most) is carried: a refusal of a wait too long has no bound, and a save is how
    // an administrator gets out of it without a restart.
    if (entry && entry.client.hold.pausedUntil !== 0) {
      entry.client.hold.forgive();
      this.pauses.set(profileId, { urls: urlsOf(entry.client.profile), hold: entry.client.hold });
    }
    return entry?.close?.();
  }

  /** Closes every client. */
  async dispose(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((id) => this.drop(id)));
    this.pauses.clear();
  }

  /**
   * A client and its transport; `saved` false for a draft, whose retries are not the saved server's;
   * `hold` the server's `Retry-After` pause when another client of the profile has it.
   */
  private build(
    profile: Profile,
    getPassword?: () => Promise<Result<string>>,
    saved = true,
    hold?: ServerHold,
  ): Built {
    const { transport, vault, timeoutMs, now, onReadRetry } = this.options;
    const fetch = profile.caCertPem || !transport ? createNodeFetch(profile) : transport(profile);
    const client = new ArcGisClient(profile, {
      fetch,
      getPassword: getPassword ?? passwordFrom(vault, profile.id),
      now,
      ...(timeoutMs ? { timeoutMs } : {}),
      ...(onReadRetry && saved
        ? {
            readRetry: {
              ...DEFAULT_READ_RETRY,
              onRetry: (notice) => onReadRetry(profile.id, notice),
              onRecovered: () => onReadRetry(profile.id, null),
              onGaveUp: () => onReadRetry(profile.id, null),
            },
          }
        : {}),
      ...(hold ? { hold } : {}),
    });
    return { client, ...(fetch.close ? { close: fetch.close.bind(fetch) } : {}) };
  }
}
