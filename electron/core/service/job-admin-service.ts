/**
 * The core's front door: one object that owns the profile store, the credential vault, the client pool,
 * the job cache and the audit log, and hands the shared ones to the bulk service. The desktop app's IPC
 * handlers and the `gpjobs` command line both drive it, so they share every behaviour (and every file)
 * without duplicating wiring.
 */
import type { ArcGisClient, ConnectionInfo } from '../arcgis';
import type { JobDetail, JobParameter } from '../arcgis';
import { resolveManagedProfilesPath } from '../config-dir';
import { CredentialVault } from '../credentials/vault';
import type { CredentialStatus } from '../credentials/vault';
import { KeychainCredentialStore } from '../credentials/keychain-store';
import { changesInWords, passwordBindingChanges } from '../profiles/host-change';
import { removeProfileWithCredentials } from '../profiles/remove-profile';
import type { RemovedProfile } from '../profiles/remove-profile';
import type { ProfileInput } from '../profiles/schema';
import { ProfileStore } from '../profiles/store';
import type { AppError, GpService, Job, JobQuery, Profile, ProfileEntry, Result } from '../types';
import { err, ok } from '../types';
import { AuditService, managedSettingsPath } from './audit-service';
import { BulkService } from './bulk-service';
import { ClientPool } from './client-pool';
import type { TransportFactory } from './client-pool';
import { ConnectionTracker } from './connection-tracker';
import { testDraftConnection } from './draft-connection';
import { JobCache } from './job-cache';
import { listServerJobs } from './server-listing';
import type { ListJobsOptions, ServerJobs } from './server-listing';

export type { ListJobsOptions, ServerJobs, TransportFactory };

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

/** A job's admin record plus its REST page (messages), or why the page could not be read. */
export interface JobWithDetail {
  job: Job;
  detail: JobDetail | null;
  detailError: AppError | null;
  /** The values of its inputs and results (empty when the page lists none or could not be read). */
  parameters: JobParameter[];
}

/** See the module comment. */
export class JobAdminService {
  readonly profiles: ProfileStore;
  readonly vault: CredentialVault;
  /** The audit log: run history, retention, archives. */
  readonly audit: AuditService;
  readonly connections = new ConnectionTracker();
  readonly bulk: BulkService;
  /** One client per profile, for listing, job detail and runs. */
  readonly clients: ClientPool;
  /** Each server's last listing, which bulk plans trust. */
  readonly jobs = new JobCache();
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
    this.now = options.now ?? Date.now;
    this.clients = new ClientPool({
      profiles: this.profiles,
      vault: this.vault,
      now: this.now,
      ...(options.transport ? { transport: options.transport } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      onReadRetry: (profileId, notice) => this.connections.retrying(profileId, notice, this.now()),
    });
    this.bulk = new BulkService({
      audit: this.audit,
      profiles: this.profiles,
      clients: this.clients,
      jobs: this.jobs,
    });
  }

  /** One profile by id, with a plain `not-found` error naming it. */
  async profile(profileId: string): Promise<Result<ProfileEntry>> {
    return this.profiles.get(profileId);
  }

  /**
   * Creates or updates a profile; its client is rebuilt on next use. An edit that changes what the saved
   * password was entered for (a server, admin or portal URL, even only its port or scheme, the sign-in
   * mode, the user name or the CA certificate; see host-change.ts) first forgets that password (keychain
   * and session), so it is asked for again instead of following the profile; if it cannot be forgotten,
   * nothing is saved.
   */
  async saveProfile(input: ProfileInput): Promise<Result<Profile>> {
    const before = input.id ? await this.profiles.get(input.id) : null;
    const changed = before?.ok ? passwordBindingChanges(before.value, input) : [];
    if (changed.length > 0 && before?.ok) {
      const cleared = await this.vault.clear(before.value.id);
      if (!cleared.ok) {
        return err({
          ...cleared.error,
          message:
            `"${before.value.name}" was not changed: the edit changes ${changesInWords(changed)}, so its saved password ` +
            `must be removed first (it is only used with what it was entered for), and that failed. ${cleared.error.message}`,
        });
      }
    }
    const saved = await this.profiles.save(input);
    if (saved.ok) await this.clients.drop(saved.value.id);
    return saved;
  }

  /** Deletes a profile and its keychain entry (a warning says when the entry could not be removed). */
  async removeProfile(profileId: string): Promise<Result<RemovedProfile>> {
    const removed = await removeProfileWithCredentials(this.profiles, this.vault, profileId);
    if (!removed.ok) return removed;
    await this.clients.drop(profileId);
    this.jobs.forget(profileId);
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
    this.clients.clearToken(profileId);
    return ok(await this.vault.status(profileId));
  }

  /** Forgets a profile's password everywhere. */
  async clearPassword(profileId: string): Promise<Result<void>> {
    const cleared = await this.vault.clear(profileId);
    this.clients.clearToken(profileId);
    return cleared;
  }

  /** The ArcGIS client of a profile (see `ClientPool`). */
  client(profileId: string): Promise<Result<ArcGisClient>> {
    return this.clients.client(profileId);
  }

  /** Version, federation and admin rights of a server; updates its connection state. */
  async testConnection(profileId: string): Promise<Result<ConnectionInfo>> {
    return this.tracked(profileId, async (client) => client.testConnection());
  }

  /**
   * Tests a profile as the form holds it, saving nothing: with `password`, else the existing profile's
   * saved one (only to the hosts it was entered for). See draft-connection.ts.
   */
  async testDraft(input: ProfileInput, password?: string): Promise<Result<ConnectionInfo>> {
    const scratchClient = this.clients.scratch.bind(this.clients);
    return testDraftConnection(
      { profiles: this.profiles, vault: this.vault, scratchClient },
      input,
      password,
    );
  }

  /** The GP services of a server. */
  async discover(profileId: string): Promise<Result<GpService[]>> {
    return this.tracked(profileId, (client) => client.discoverServices());
  }

  /** Every job of every service of a server that keeps jobs (see `keepsJobs`) matching `query`. */
  async listJobs(
    profileId: string,
    query: JobQuery = {},
    options: ListJobsOptions = {},
  ): Promise<Result<ServerJobs>> {
    const onPage = (): void => {
      this.connections.listed(profileId);
      options.onPage?.();
    };
    return this.tracked(profileId, (client) =>
      listServerJobs(client, this.jobs, profileId, query, { ...options, onPage }),
    );
  }

  /** One job's admin record, its REST page messages, and its inputs' and results' values. */
  async jobDetail(profileId: string, service: string, jobId: string): Promise<Result<JobWithDetail>> {
    const got = await this.client(profileId);
    if (!got.ok) return got;
    const job = await got.value.getJob(service, jobId);
    if (!job.ok) return job;
    const detail = await got.value.getJobDetail(job.value);
    const parameters = detail.ok ? await got.value.getJobParameters(detail.value) : ok([]);
    return ok({
      job: job.value,
      detail: detail.ok ? detail.value : null,
      detailError: detail.ok ? null : detail.error,
      parameters: parameters.ok ? parameters.value : [],
    });
  }

  /** Releases every connection pool and waits for running bulk runs to stop. */
  async dispose(): Promise<void> {
    await this.bulk.dispose();
    await this.clients.dispose();
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
}
