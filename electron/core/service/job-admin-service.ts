/**
 * The core's front door: one object that owns the profile store, the credential vault, one ArcGIS client
 * per profile and the audit log. The desktop app's IPC handlers and the `gpjobs` command line both drive
 * it, so they share every behaviour (and every file) without duplicating wiring.
 */
import type { ConnectionInfo, JobList } from '../arcgis';
import { ArcGisClient, createNodeFetch, passwordFrom } from '../arcgis';
import type { FetchLike, JobDetail } from '../arcgis';
import { resolveManagedProfilesPath } from '../config-dir';
import { CredentialVault } from '../credentials/vault';
import type { CredentialStatus } from '../credentials/vault';
import { KeychainCredentialStore } from '../credentials/keychain-store';
import { newPasswordHosts } from '../profiles/host-change';
import { removeProfileWithCredentials } from '../profiles/remove-profile';
import type { RemovedProfile } from '../profiles/remove-profile';
import type { ProfileInput } from '../profiles/schema';
import { ProfileStore } from '../profiles/store';
import type { AppError, GpService, Job, JobQuery, Profile, ProfileEntry, Result } from '../types';
import { err, ok } from '../types';
import { AuditService, managedSettingsPath } from './audit-service';
import { BulkService } from './bulk-service';
import { ConnectionTracker } from './connection-tracker';

/** A transport for one profile; `close` releases its connection pool. */
export type TransportFactory = (profile: Profile) => FetchLike & { close?: () => Promise<void> };

/** Where the service keeps its files and how it reaches servers. */
export interface JobAdminServiceOptions {
  configDir: string;
  /** Managed profiles file: `undefined` = the OS default (or GPJOBS_MANAGED_CONFIG), `null` = none. */
  managedProfilesPath?: string | null;
  /** Keychain service name (tests use their own); default `gp-job-admin`. */
  keychainService?: string;
  /**
   * The transport for profiles without their own CA (Electron passes `net`, for the system proxy and OS
   * trust store). A profile with a CA certificate always uses Node's TLS trusting that CA for that server
   * only, since Chromium's stack cannot trust a CA per server.
   */
  transport?: TransportFactory;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  now?: () => number;
}

/** A job list of one server, with how many GP services were read. */
export interface ServerJobs extends JobList {
  profileId: string;
  services: number;
}

/** A job's admin record plus its REST page (messages), or why the page could not be read. */
export interface JobWithDetail {
  job: Job;
  detail: JobDetail | null;
  detailError: AppError | null;
}

/** Options of `listJobs`. */
export interface ListJobsOptions {
  /** Only the services this accepts are queried (default: every asynchronous GP service). */
  services?: (service: GpService) => boolean;
}

interface ClientEntry {
  client: ArcGisClient;
  fingerprint: string;
  close?: () => Promise<void>;
}

/** See the module comment. */
export class JobAdminService {
  readonly profiles: ProfileStore;
  readonly vault: CredentialVault;
  /** The audit log: run history, retention, archives. */
  readonly audit: AuditService;
  readonly connections = new ConnectionTracker();
  readonly bulk: BulkService;
  private readonly clients = new Map<string, ClientEntry>();
  private readonly transport: TransportFactory | undefined;
  private readonly timeoutMs: number | undefined;
  private readonly now: () => number;

  constructor(options: JobAdminServiceOptions) {
    this.profiles = new ProfileStore({
      configDir: options.configDir,
      managedPath: options.managedProfilesPath,
    });
    this.vault = new CredentialVault({
      keychain: new KeychainCredentialStore(
        options.keychainService ? { service: options.keychainService } : undefined,
      ),
    });
    const managed = options.managedProfilesPath;
    this.audit = new AuditService(
      options.configDir,
      managedSettingsPath(managed === undefined ? resolveManagedProfilesPath() : managed),
    );
    this.transport = options.transport;
    this.timeoutMs = options.timeoutMs;
    this.now = options.now ?? Date.now;
    this.bulk = new BulkService({
      audit: this.audit.store,
      afterRun: () => this.audit.applyRetention(),
      profiles: () => this.profiles.list(),
      client: (id) => this.client(id),
      scopedClient: (id, concurrency) => this.scopedClient(id, concurrency),
    });
  }

  /** One profile by id, with a plain `not-found` error naming it. */
  async profile(profileId: string): Promise<Result<ProfileEntry>> {
    return this.profiles.get(profileId);
  }

  /**
   * Creates or updates a profile; its client is rebuilt on next use. An edit that points the profile at a
   * host it did not use before first forgets the saved password (keychain and session), so it is asked
   * for again instead of following the profile there; if it cannot be forgotten, nothing is saved.
   */
  async saveProfile(input: ProfileInput): Promise<Result<Profile>> {
    const before = input.id ? await this.profiles.get(input.id) : null;
    const moved = before?.ok ? newPasswordHosts(before.value, input) : [];
    if (moved.length > 0 && before?.ok) {
      const cleared = await this.vault.clear(before.value.id);
      if (!cleared.ok) {
        return err({
          ...cleared.error,
          message:
            `"${before.value.name}" was not changed: it now points at ${moved.join(', ')}, so its saved password ` +
            `must be removed first (it is only for the hosts it was entered for), and that failed. ${cleared.error.message}`,
        });
      }
    }
    const saved = await this.profiles.save(input);
    if (saved.ok) await this.dropClient(saved.value.id);
    return saved;
  }

  /** Deletes a profile and its keychain entry (a warning says when the entry could not be removed). */
  async removeProfile(profileId: string): Promise<Result<RemovedProfile>> {
    const removed = await removeProfileWithCredentials(this.profiles, this.vault, profileId);
    if (!removed.ok) return removed;
    await this.dropClient(profileId);
    this.connections.forget(profileId);
    return removed;
  }

  /** Stores a password in the keychain (or, by explicit choice, for this run only) and forgets old tokens. */
  async setPassword(
    profileId: string,
    password: string,
    sessionOnly = false,
  ): Promise<Result<CredentialStatus>> {
    const found = await this.profiles.get(profileId);
    if (!found.ok) return found;
    const saved = sessionOnly
      ? await this.vault.useSessionOnly(profileId, password)
      : await this.vault.set(profileId, password);
    if (!saved.ok) return saved;
    this.clients.get(profileId)?.client.clearToken();
    return ok(await this.vault.status(profileId));
  }

  /** Forgets a profile's password everywhere. */
  async clearPassword(profileId: string): Promise<Result<void>> {
    const cleared = await this.vault.clear(profileId);
    this.clients.get(profileId)?.client.clearToken();
    return cleared;
  }

  /** The ArcGIS client of a profile, built once and rebuilt when the profile changes. */
  async client(profileId: string): Promise<Result<ArcGisClient>> {
    const found = await this.profiles.get(profileId);
    if (!found.ok) return found;
    const profile = found.value;
    const fingerprint = JSON.stringify(profile);
    const cached = this.clients.get(profileId);
    if (cached && cached.fingerprint === fingerprint) return ok(cached.client);
    if (cached) await this.dropClient(profileId);
    const entry = { ...this.build(profile), fingerprint };
    this.clients.set(profileId, entry);
    return ok(entry.client);
  }

  /**
   * A client of its own, at `concurrency` simultaneous requests instead of the profile's (a bulk run's
   * `--concurrency`): every request goes through a client's limiter, so overriding only the run would cap
   * it at the profile's setting. The caller releases it when the run is over.
   */
  async scopedClient(
    profileId: string,
    concurrency: number,
  ): Promise<Result<{ client: ArcGisClient; release: () => Promise<void> }>> {
    const found = await this.profiles.get(profileId);
    if (!found.ok) return found;
    const { client, close } = this.build({ ...found.value, concurrency });
    return ok({ client, release: async () => close?.() });
  }

  private build(profile: Profile): { client: ArcGisClient; close?: () => Promise<void> } {
    const fetch = profile.caCertPem || !this.transport ? createNodeFetch(profile) : this.transport(profile);
    const client = new ArcGisClient(profile, {
      fetch,
      getPassword: passwordFrom(this.vault, profile.id),
      now: this.now,
      ...(this.timeoutMs ? { timeoutMs: this.timeoutMs } : {}),
    });
    return { client, ...(fetch.close ? { close: fetch.close.bind(fetch) } : {}) };
  }

  /** Version, federation and admin rights of a server; updates its connection state. */
  async testConnection(profileId: string): Promise<Result<ConnectionInfo>> {
    return this.tracked(profileId, async (client) => client.testConnection());
  }

  /** The GP services of a server. */
  async discover(profileId: string): Promise<Result<GpService[]>> {
    return this.tracked(profileId, (client) => client.discoverServices());
  }

  /** Every job of every asynchronous GP service of a server matching `query`. */
  async listJobs(
    profileId: string,
    query: JobQuery = {},
    options: ListJobsOptions = {},
  ): Promise<Result<ServerJobs>> {
    return this.tracked(profileId, async (client) => {
      const services = await client.discoverServices();
      if (!services.ok) return services;
      const wanted = options.services ?? (() => true);
      const ids = services.value.filter((s) => s.asynchronous && wanted(s)).map((s) => s.id);
      const listed =
        ids.length === 0
          ? ok<JobList>({ jobs: [], failures: [], warnings: [] })
          : await client.listJobs(query, ids);
      if (!listed.ok) return listed;
      this.bulk.remember(profileId, listed.value.jobs);
      return ok({ profileId, services: ids.length, ...listed.value });
    });
  }

  /** One job's admin record and its REST page messages. */
  async jobDetail(profileId: string, service: string, jobId: string): Promise<Result<JobWithDetail>> {
    const got = await this.client(profileId);
    if (!got.ok) return got;
    const job = await got.value.getJob(service, jobId);
    if (!job.ok) return job;
    const detail = await got.value.getJobDetail(job.value);
    return ok({
      job: job.value,
      detail: detail.ok ? detail.value : null,
      detailError: detail.ok ? null : detail.error,
    });
  }

  /** Releases every connection pool and waits for running bulk runs to stop. */
  async dispose(): Promise<void> {
    await this.bulk.dispose();
    await Promise.all([...this.clients.keys()].map((id) => this.dropClient(id)));
  }

  private async tracked<T>(
    profileId: string,
    work: (client: ArcGisClient) => Promise<Result<T>>,
  ): Promise<Result<T>> {
    const got = await this.client(profileId);
    if (!got.ok) {
      if (got.error.kind !== 'not-found') this.connections.set(profileId, 'error', got.error);
      return got;
    }
    this.connections.set(profileId, 'connecting');
    const result = await work(got.value);
    if (result.ok) this.connections.set(profileId, 'connected', null, this.now());
    else this.connections.set(profileId, 'error', result.error);
    return result;
  }

  private async dropClient(profileId: string): Promise<void> {
    const entry = this.clients.get(profileId);
    this.clients.delete(profileId);
    await entry?.close?.();
  }
}
