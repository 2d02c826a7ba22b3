/**
 * `ArcGisClient`: one profile's view of an ArcGIS Server site: test the connection, discover GP services,
 * query, get, cancel and delete jobs. Every call is a form POST with `f=json` and the token in the body
 * (signed-call.ts); every call respects the profile's concurrency through one shared limiter; failures are
 * `AppError` values. Why not Esri's `@esri/arcgis-rest-request`: see ./README.md.
 */
import { plainHttpProblem } from '../credentials/plain-http';
import type { ConnectionInfo, GpService, Job, JobQuery, Profile, Result } from '../types';
import { SERVICE_TYPES, err, keepsJobs, ok } from '../types';
import type { AdminCaller } from './caller';
import type { DiagnosticsReport } from './diagnose';
import { diagnoseSite } from './diagnose';
import type { DirectoryEdit, JobsDirectory } from './directories';
import { cleanJobsDirectory, editJobsDirectory, readJobsDirectory } from './directories';
import { discoverServices } from './discovery';
import type { QueryOptions, ServiceJobs } from './job-query';
import { queryJobs, queryServiceJobs } from './job-query';
import { cancelJob, deleteJob, getJob, getJobDetail, jobStatistics } from './jobs';
import { readJobParameters, type JobParameter } from './job-parameters';
import type { Limiter } from './limiter';
import { createLimiter } from './limiter';
import type { JobDetail, JobStatistics } from './job-detail';
import type { Json } from './normalize';
import type { SiteRoots } from './paths';
import { siteRoots } from './paths';
import { ServiceMemo } from './service-memo';
import type { JobList, ListOptions } from './job-list';
import { summarizeLists } from './job-list';
import type { ReadRetryPolicy } from './read-retry';
import { DEFAULT_READ_RETRY } from './read-retry';
import { ServerHold } from './retry-after';
import { SignedCall } from './signed-call';
import type { CallOptions, Requester } from './requester';
import { createRequester } from './requester';
import { fetchSiteInfo } from './site-info';
import type { CertificateProbe } from './tls-info';
import { probeCertificate } from './tls-info';
import { TokenManager, createTokenFetcher } from './tokens';
import type { FetchLike } from './transport';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from './transport';

/** `opts` of a listing's or connection test's read: its retries reported unless the caller said not. */
function reported<O extends CallOptions>(opts: O): O {
  return opts.reportRetries === undefined ? { ...opts, reportRetries: true } : opts;
}

/** What a client is built from: the transport, the password source and optional knobs. */
export interface ClientDeps {
  fetch: FetchLike;
  /** The profile's password, read from the credential store at each token refresh (never kept). */
  getPassword: () => Promise<Result<string>>;
  now?: () => number;
  /** Per call, body included; default 30 s. */
  timeoutMs?: number;
  /** Response size cap; default 32 MiB. */
  maxBytes?: number;
  /** Reads an untrusted certificate for the `tls` error message; default a Node `tls.connect` probe. */
  probe?: CertificateProbe;
  /** Share a limiter (e.g. with the bulk engine); default one sized to `profile.concurrency`. */
  limiter?: Limiter;
  /** How idempotent reads are retried on transient faults; default `DEFAULT_READ_RETRY`. */
  readRetry?: ReadRetryPolicy;
  /** Share a server's `Retry-After` pause (e.g. with a client of the same profile at another concurrency). */
  hold?: ServerHold;
}

export type { ConnectionInfo };

/** The ArcGIS Server client of one profile. */
export class ArcGisClient {
  /** The per-server limiter every request of this client goes through. */
  readonly limiter: Limiter;
  /**
   * The server's pause after it answered `Retry-After` (retry-after.ts): every read of this client waits
   * it out, and so does every job of a bulk lane over this client (../bulk/client-operations.ts).
   */
  readonly hold: ServerHold;
  private readonly roots: Result<SiteRoots>;
  private readonly requester: Requester;
  private readonly tokens: TokenManager;
  private readonly caller: AdminCaller | null;
  /** What this session learnt of the site's services (see service-memo.ts). */
  private readonly memo: ServiceMemo;
  /** The services the last successful discovery found (null before one). */
  private known: readonly GpService[] | null = null;

  constructor(
    readonly profile: Profile,
    deps: ClientDeps,
  ) {
    this.limiter = deps.limiter ?? createLimiter(profile.concurrency);
    const now = deps.now ?? Date.now;
    this.hold = deps.hold ?? new ServerHold(now);
    const plainHttp = plainHttpProblem(profile);
    this.roots = plainHttp ? err({ kind: 'bad-url', message: plainHttp }) : siteRoots(profile);
    this.requester = createRequester({
      fetch: deps.fetch,
      limiter: this.limiter,
      probe: deps.probe ?? ((url) => probeCertificate(url)),
      timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxBytes: deps.maxBytes ?? DEFAULT_MAX_BYTES,
      now,
    });
    this.memo = new ServiceMemo(now);
    const roots = this.roots.ok ? this.roots.value : { server: '', admin: '' };
    this.tokens = new TokenManager(
      createTokenFetcher({ profile, roots, requester: this.requester, getPassword: deps.getPassword, now }),
      now,
    );
    const signed = new SignedCall({
      requester: this.requester,
      tokens: this.tokens,
      readRetry: deps.readRetry ?? DEFAULT_READ_RETRY,
      hold: this.hold,
    });
    this.caller = this.roots.ok
      ? {
          profileId: profile.id,
          roots,
          concurrency: this.limiter.limit,
          call: (url, params, ctx, opts) => signed.call(url, params, ctx, opts),
        }
      : null;
  }

  /** rest/info, a token, and the admin/info probe: version, federation, and whether the account is admin. */
  async testConnection(opts: CallOptions = {}): Promise<Result<ConnectionInfo>> {
    if (!this.roots.ok) return this.roots;
    const info = await fetchSiteInfo(this.requester, this.roots.value.server, opts);
    if (!info.ok) return info;
    const infoUrl = `${this.roots.value.admin}/admin/info`;
    const admin = await this.caller!.call(infoUrl, {}, 'admin', reported(opts));
    if (!admin.ok && admin.error.kind !== 'permission') return admin;
    const body: Json = admin.ok ? admin.value : {};
    const privilege = String(body.loggedInUserPrivilege ?? '');
    const user = body.loggedInUser ?? body.logginInUser;
    return ok({
      version: info.value.version,
      federated: info.value.owningSystemUrl !== null,
      portalUrl: info.value.owningSystemUrl ?? this.profile.portalUrl,
      isAdmin: admin.ok && /^administer$/i.test(privilege),
      user: typeof user === 'string' ? user : admin.ok ? null : this.profile.username,
    });
  }

  /**
   * The GP, map and image services of the site of the profile's scanned types (default all; root and
   * folders walked concurrently), each saying whether it makes jobs.
   */
  discoverServices(opts: CallOptions = {}): Promise<Result<GpService[]>> {
    const types = new Set(this.profile.serviceTypes ?? SERVICE_TYPES);
    return this.with(async (c) => {
      const found = await discoverServices(c, { types, memo: this.memo }, reported(opts));
      if (found.ok) this.known = found.value;
      return found;
    });
  }

  /**
   * The services the last successful discovery found, or null before one: a listing may start on these
   * while discovery runs again (see job-admin-service.ts), never trusting them without that discovery.
   */
  knownServices(): readonly GpService[] | null {
    return this.known;
  }

  /** Every job of one service matching the query (all pages, one query per status). */
  queryJobs(service: string, query: JobQuery, opts: QueryOptions = {}): Promise<Result<Job[]>> {
    return this.with((c) => queryJobs(c, service, query, reported(opts)));
  }

  /**
   * Jobs of several services (default: every service of the site that keeps jobs, see `keepsJobs`).
   * With `onJobs`, each page's jobs go to it as soon as that page is read, instead of into the result's
   * `jobs`: a caller that holds them its own way never holds the whole server's as objects, and shows the
   * first rows while the rest are still being read.
   */
  async listJobs(query: JobQuery, services?: string[], opts: ListOptions = {}): Promise<Result<JobList>> {
    let ids = services;
    if (!ids) {
      const found = await this.discoverServices(opts);
      if (!found.ok) return found;
      ids = found.value.filter(keepsJobs).map((s) => s.id);
    }
    return this.summarize(ids, await this.listEach(query, ids, opts));
  }

  /** Each service's jobs (see `listJobs`), one result per id in `ids`' order, not yet summed up. */
  listEach(query: JobQuery, ids: readonly string[], opts: ListOptions = {}): Promise<Result<ServiceJobs>[]> {
    const onJobs = opts.onJobs;
    const each = reported(opts);
    return Promise.all(
      ids.map((id) =>
        this.with((c) => queryServiceJobs(c, id, query, each, onJobs && ((batch) => onJobs(id, batch)))),
      ),
    );
  }

  /**
   * `listEach`'s results as one list: failures listed per service, map and image services without a jobs
   * resource skipped (and remembered), and an error only when every service failed (see job-list.ts).
   */
  summarize(ids: readonly string[], results: readonly Result<ServiceJobs>[]): Result<JobList> {
    return summarizeLists(ids, results, this.memo);
  }

  /** The admin record of one job; `not-found` when the server no longer has it. */
  getJob(service: string, jobId: string, opts: CallOptions = {}): Promise<Result<Job>> {
    // Not through `with`: one closure less per job of a bulk run (as cancel and delete below).
    return this.caller ? getJob(this.caller, service, jobId, opts) : this.unusable();
  }

  /** The REST job page: status, messages, progress, results and inputs. */
  getJobDetail(
    job: Pick<Job, 'service' | 'jobId' | 'url'>,
    opts: CallOptions = {},
  ): Promise<Result<JobDetail>> {
    return this.with((c) => getJobDetail(c, job, opts));
  }

  /** The values of a job's inputs and results listed on its REST page (see job-parameters.ts). */
  getJobParameters(detail: JobDetail, opts: CallOptions = {}): Promise<Result<JobParameter[]>> {
    const pageUrl = detail.pageUrl;
    if (!pageUrl) return Promise.resolve(ok([]));
    return this.with(async (c) => ok(await readJobParameters(c, pageUrl, detail, opts)));
  }

  /** Cancels a job (admin `cancel`); the server's error code is kept on failure. */
  cancelJob(service: string, jobId: string, opts: CallOptions = {}): Promise<Result<void>> {
    return this.caller ? cancelJob(this.caller, service, jobId, opts) : this.unusable();
  }

  /** Deletes a job (admin `delete`); code 400 means the server was unable to delete it. */
  deleteJob(service: string, jobId: string, opts: CallOptions = {}): Promise<Result<void>> {
    return this.caller ? deleteJob(this.caller, service, jobId, opts) : this.unusable();
  }

  /** A service's job counts (`jobs/statistics`). */
  jobStatistics(service: string, opts: CallOptions = {}): Promise<Result<JobStatistics>> {
    return this.with((c) => jobStatistics(c, service, opts));
  }

  /** The jobs directory and its clean-up settings (admin `system/directories`). */
  jobsDirectory(opts: CallOptions = {}): Promise<Result<JobsDirectory>> {
    return this.with((c) => readJobsDirectory(c, opts));
  }

  /** Changes the jobs directory's clean-up (the server restarts the services using it). */
  editJobsDirectory(
    dir: JobsDirectory,
    change: DirectoryEdit,
    opts: CallOptions = {},
  ): Promise<Result<void>> {
    return this.with((c) => editJobsDirectory(c, dir, change, opts));
  }

  /** Sweeps the jobs directory now: the server removes what is older than its maximum file age. */
  cleanJobsDirectory(name: string, opts: CallOptions = {}): Promise<Result<void>> {
    return this.with((c) => cleanJobsDirectory(c, name, opts));
  }

  /**
   * A diagnostics report of this site: the shapes of the answers the product relies on, with nothing that
   * identifies the site, its users or its jobs (see diagnose.ts).
   */
  async diagnose(): Promise<Result<DiagnosticsReport>> {
    if (!this.roots.ok) return this.roots;
    return ok(
      await diagnoseSite({
        roots: this.roots.value,
        authMode: this.profile.authMode,
        username: this.profile.username,
        token: () => this.tokens.get(),
        send: (url, params) => this.requester.postRaw(url, params),
        now: () => performance.timeOrigin + performance.now(),
      }),
    );
  }

  /** Forgets the cached token (after a password change). */
  clearToken(): void {
    this.tokens.clear();
  }

  private with<T>(fn: (c: AdminCaller) => Promise<Result<T>>): Promise<Result<T>> {
    return this.caller ? fn(this.caller) : this.unusable();
  }

  /** Why this client cannot call its server (its URL is invalid or unsafe), as every call's answer. */
  private unusable(): Promise<Result<never>> {
    return Promise.resolve(this.roots as Result<never>);
  }
}
