/**
 * `ArcGisClient`: one profile's view of an ArcGIS Server site: test the connection, discover GP services,
 * query, get, cancel and delete jobs. Every call is a form POST with `f=json` and the token in the body;
 * every call respects the profile's concurrency through one shared limiter; failures are `AppError` values.
 *
 * Why not Esri's `@esri/arcgis-rest-request` (4.10.2)? Its error detection (`checkForErrors`) and form
 * encoding are what errors.ts and transport.ts do in a few dozen lines, and the rest does not fit:
 * - it throws `ArcGISRequestError`/`ArcGISAuthError`; the core needs values (`Result`) with our kinds;
 * - its auth managers (`ArcGISIdentityManager`, `ApplicationCredentialsManager`) own token generation,
 *   federation discovery and retry with their own rules, and may put a token in a GET query string or an
 *   `X-Esri-Authorization` header; we need tokens ONLY in POST bodies, a referer binding, single-flight
 *   refresh and exactly one retry on 498/499;
 * - it has no notion of per-server TLS trust, response size caps, manual redirects or a shared
 *   per-server concurrency limit; those live in the injected transport and would have to wrap it anyway;
 * - HTML answers (a Web Adaptor with admin disabled) surface as JSON parse failures, not as a clear
 *   "admin not reachable here".
 * So the dependency would add weight while we still had to wrap or bypass most of it.
 */
import { plainHttpProblem } from '../credentials/plain-http';
import type { AppError, ConnectionInfo, GpService, Job, JobQuery, Profile, Result } from '../types';
import { SERVICE_TYPES, err, keepsJobs, ok } from '../types';
import { serviceTypeOf } from '../service-types';
import type { AdminCaller } from './caller';
import type { DiagnosticsReport } from './diagnose';
import { diagnoseSite } from './diagnose';
import type { DirectoryEdit, JobsDirectory } from './directories';
import { cleanJobsDirectory, editJobsDirectory, readJobsDirectory } from './directories';
import { discoverServices } from './discovery';
import type { CallContext } from './errors';
import { isTokenRejection } from './errors';
import type { QueryOptions, ServiceJobs } from './job-query';
import { queryJobs, queryServiceJobs } from './job-query';
import type { JobBatch } from './page-batch';
import { cancelJob, deleteJob, getJob, getJobDetail, jobStatistics } from './jobs';
import { readJobParameters, type JobParameter } from './job-parameters';
import type { Limiter } from './limiter';
import { createLimiter } from './limiter';
import type { Json, JobDetail, JobStatistics } from './normalize';
import type { SiteRoots } from './paths';
import { siteRoots } from './paths';
import { ServiceMemo, jobsResourceMissing } from './service-memo';
import type { ReadRetryPolicy } from './read-retry';
import { DEFAULT_READ_RETRY, retryRead } from './read-retry';
import { ServerHold } from './retry-after';
import type { CallOptions, Requester } from './requester';
import { createRequester } from './requester';
import { fetchSiteInfo } from './site-info';
import type { CertificateProbe } from './tls-info';
import { probeCertificate } from './tls-info';
import { TokenManager, createTokenFetcher } from './tokens';
import type { FetchLike, FormRequest } from './transport';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from './transport';

/** Options of `listJobs`. */
export interface ListOptions extends QueryOptions {
  /**
   * Receives each page's jobs in columns as it is read, in arrival order, each job once (they are then
   * left out of the result). A service that fails after some pages keeps those handed on and is listed in
   * `failures`.
   */
  onJobs?: (service: string, batch: JobBatch) => void;
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
}

export type { ConnectionInfo };

/**
 * Jobs of several services; services that failed are listed instead of failing the whole list, and
 * services listed only in part (capped, or changed while read) say so in `warnings`.
 */
export interface JobList {
  jobs: Job[];
  /** How many services were listed (a map or image service found to have no jobs resource is not). */
  services: number;
  failures: Array<{ service: string; error: AppError }>;
  warnings: Array<{ service: string; message: string }>;
}

/** The ArcGIS Server client of one profile. */
export class ArcGisClient {
  /** The per-server limiter every request of this client goes through. */
  readonly limiter: Limiter;
  private readonly roots: Result<SiteRoots>;
  private readonly requester: Requester;
  private readonly tokens: TokenManager;
  private readonly caller: AdminCaller | null;
  private readonly readRetry: ReadRetryPolicy;
  /** The pause this server asked for with `Retry-After`, which every read waits out (see retry-after.ts). */
  private readonly hold: ServerHold;
  /** What this session learnt of the site's services (see service-memo.ts). */
  private readonly memo: ServiceMemo;
  /** The services the last successful discovery found (null before one). */
  private known: readonly GpService[] | null = null;

  constructor(
    readonly profile: Profile,
    deps: ClientDeps,
  ) {
    this.limiter = deps.limiter ?? createLimiter(profile.concurrency);
    this.readRetry = deps.readRetry ?? DEFAULT_READ_RETRY;
    const now = deps.now ?? Date.now;
    this.hold = new ServerHold(now);
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
    this.caller = this.roots.ok
      ? {
          profileId: profile.id,
          roots,
          concurrency: this.limiter.limit,
          call: (url, params, ctx, opts) => this.call(url, params, ctx, opts),
        }
      : null;
  }

  /** rest/info, a token, and the admin/info probe: version, federation, and whether the account is admin. */
  async testConnection(opts: CallOptions = {}): Promise<Result<ConnectionInfo>> {
    if (!this.roots.ok) return this.roots;
    const info = await fetchSiteInfo(this.requester, this.roots.value.server, opts);
    if (!info.ok) return info;
    const admin = await this.call(`${this.roots.value.admin}/admin/info`, {}, 'admin', opts);
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
      const found = await discoverServices(c, { types, memo: this.memo }, opts);
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
    return this.with((c) => queryJobs(c, service, query, opts));
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
    return Promise.all(
      ids.map((id) =>
        this.with((c) => queryServiceJobs(c, id, query, opts, onJobs && ((batch) => onJobs(id, batch)))),
      ),
    );
  }

  /**
   * `listEach`'s results as one list: failures listed per service, map and image services without a jobs
   * resource skipped (and remembered), and an error only when every service failed.
   */
  summarize(ids: readonly string[], results: readonly Result<ServiceJobs>[]): Result<JobList> {
    const list: JobList = { jobs: [], services: ids.length, failures: [], warnings: [] };
    results.forEach((r, i) => {
      const service = ids[i]!;
      if (!r.ok && jobsResourceMissing(serviceTypeOf(service), r.error)) {
        // A map or image service without a jobs resource: skipped quietly, and not asked again.
        this.memo.markWithoutJobs(service);
        list.services--;
        return;
      }
      if (!r.ok) return list.failures.push({ service, error: r.error });
      // In service order; a loop, not push(...jobs): a service may hold 500,000 jobs, past the argument limit.
      for (const job of r.value.jobs) list.jobs.push(job);
      for (const message of r.value.warnings) list.warnings.push({ service, message });
    });
    if (list.failures.length > 0 && list.failures.length === ids.length) return err(list.failures[0]!.error);
    return ok(list);
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

  /** An authenticated POST; idempotent reads are retried on transient faults (see read-retry.ts). */
  private call(
    url: string,
    params: FormRequest['params'],
    ctx: CallContext,
    opts: CallOptions = {},
  ): Promise<Result<Json>> {
    if (opts.once) return this.callOnce(url, params, ctx, opts);
    return retryRead(() => this.callOnce(url, params, ctx, opts), opts.signal, this.readRetry, this.hold);
  }

  /**
   * An authenticated POST: token in the body; on 498/499 one refresh and one retry, never more. With a
   * cached token (a bulk run's every request) the answer is read in a `then`, not in a suspended async
   * frame: about 0.6 KB less for the collector per request.
   */
  private callOnce(
    url: string,
    params: FormRequest['params'],
    ctx: CallContext,
    opts: CallOptions = {},
  ): Promise<Result<Json>> {
    const token = this.tokens.cached();
    if (token === null) return this.callFresh(url, params, ctx, opts, null);
    return this.requester
      .post(url, params, ctx, opts, token)
      .then((r) => (r.ok || !isTokenRejection(r.error) ? r : this.callFresh(url, params, ctx, opts, token)));
  }

  /**
   * `callOnce` with a token from `get` after `rejected` (the token the server just refused) is forgotten;
   * without one (nothing was cached) a refusal of the token `get` gave earns one more fresh try.
   */
  private async callFresh(
    url: string,
    params: FormRequest['params'],
    ctx: CallContext,
    opts: CallOptions,
    rejected: string | null,
  ): Promise<Result<Json>> {
    if (rejected !== null) this.tokens.invalidate(rejected);
    const fresh = await this.tokens.get(opts);
    if (!fresh.ok) return fresh;
    const r = await this.requester.post(url, params, ctx, opts, fresh.value);
    if (r.ok || !isTokenRejection(r.error)) return r;
    if (rejected === null) return this.callFresh(url, params, ctx, opts, fresh.value);
    this.tokens.invalidate(fresh.value);
    return err({
      ...r.error,
      message:
        `${new URL(url).host} rejected a freshly generated token too. Check that the account may use this ` +
        `server, that the admin URL and the token service belong to the same site, and that the clocks agree.`,
    });
  }
}
