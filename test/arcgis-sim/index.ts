/**
 * The ArcGIS Server simulator: `startSimulator(options)` starts a loopback HTTPS (or HTTP) server that
 * behaves like an ArcGIS Server site for the admin GP jobs API (see ./README.md), with knobs for latency,
 * capacity, faults, token expiry, outages and a disabled admin Web Adaptor.
 */
import type { Account } from './auth';
import { Auth } from './auth';
import { buildCatalog } from './catalog';
import type { SimContext } from './context';
import { Faults } from './faults';
import { Lifecycle } from './lifecycle';
import { jobMessages } from './messages';
import { Retention } from './retention';
import { createRng } from './rng';
import { route } from './router';
import { routeControl } from './routes-control';
import { MACHINES, seedJobs } from './seed';
import { SimListener } from './server';
import type { JobRec } from './store';
import { JobStore } from './store';
import type { SimTls } from './tls';
import { generateTls } from './tls';
import type { SimJob, SimOptions, Simulator } from './types';

export { QUERY_SHAPES } from './query-shapes';
export { simOptionsFromReport } from './report-shapes';
export type {
  FaultKind,
  QueryShape,
  StatusFilterParam,
  FaultRule,
  RecordedRequest,
  SimJob,
  SimOptions,
  SimService,
  Simulator,
} from './types';

/** A snapshot of a job; its messages are derived only when read (cheap for 100,000 jobs). */
function toSimJob(job: JobRec): SimJob {
  const frozen: JobRec = { ...job };
  const snapshot = {
    jobId: job.jobId,
    service: job.svc.def.id,
    task: job.task,
    status: job.status,
    submittedTime: job.submittedTime,
    endTime: job.endTime,
    username: job.username,
    machinename: job.machinename,
  };
  return Object.defineProperty(snapshot, 'messages', {
    enumerable: true,
    get: () => jobMessages(frozen),
  }) as SimJob;
}

/** Starts a simulated ArcGIS Server site; resolves once it listens. */
export async function startSimulator(opts: SimOptions = {}): Promise<Simulator> {
  const seed = opts.seed ?? 1;
  const clock = opts.clock ?? Date.now;
  const rng = createRng(seed);
  const https = opts.https ?? true;
  const username = opts.username ?? 'siteadmin';
  const password = opts.password ?? `Sim-${seed}-${rng.hex(8)}`;
  const accounts: Account[] = [{ username, password, admin: true }];
  if (opts.nonAdminUser) accounts.push({ ...opts.nonAdminUser, admin: false });
  const tokenLifetimeMs = opts.tokenLifetimeMs ?? 60 * 60_000;

  const { services, folders } = buildCatalog(opts.services ?? 6, opts.tileServices ?? false);
  const store = new JobStore(services, clock);
  const gpServices = store.services.filter((s) => s.def.type === 'GPServer' && s.def.asynchronous);
  store.seed(seedJobs(rng, gpServices, opts.jobs ?? 200, opts.now ?? clock()));
  const tileServices = store.services.filter((s) => s.def.exportTiles);
  if (tileServices.length > 0) {
    // A stream of its own, so the GP jobs of a seed stay the same with or without tile services.
    store.seed(seedJobs(createRng(seed ^ 0x7e1e), tileServices, opts.tileJobs ?? 40, opts.now ?? clock()));
  }
  const lifecycle = new Lifecycle(store, createRng(seed ^ 0x51ed), clock, {
    jobDurationMs: opts.jobDurationMs ?? 10_000,
    cancelDelayMs: opts.cancelDelayMs ?? 100,
    ...(opts.workersPerService !== undefined ? { workersPerService: opts.workersPerService } : {}),
    machines: MACHINES,
  });
  const retention = new Retention(
    store,
    clock,
    opts.retention?.cleanupMode ?? 'NONE',
    opts.retention?.maxFileAgeMinutes ?? 360,
  );
  const ctx: SimContext = {
    store,
    lifecycle,
    auth: new Auth(accounts, clock, tokenLifetimeMs),
    retention,
    folders,
    https,
    federated: opts.federated ?? false,
    restRequiresPortalToken: (opts.federated ?? false) && (opts.restRequiresPortalToken ?? false),
    maxPageSize: opts.maxPageSize ?? 1000,
    tokenLifetimeMs,
    clock,
    contextPath: (opts.contextPath ?? 'arcgis').split('/').filter(Boolean),
    queryShape: opts.queryShape ?? 'keyed',
    statusFilterParam: opts.statusFilterParam ?? 'jobStatus',
    tokenExpiryKey: opts.tokenExpiryKey ?? 'expires',
    claimedTotal: null,
    siteUrl: '',
    portalUrl: null,
    adminDisabled: false,
  };
  const tls: SimTls | null = https ? await generateTls() : null;
  const faults = new Faults(createRng(seed ^ 0xfa17));
  const removers = new Map<number, () => void>();
  let sim: Simulator | null = null;
  const listener = new SimListener({
    tls,
    port: opts.port ?? 0,
    latencyMs: opts.latencyMs ?? 0,
    capacity: opts.capacity ?? Infinity,
    maxRecorded: opts.maxRecordedRequests ?? 100_000,
    faults,
    handle: (req) => route(req, ctx),
    control: (req) => routeControl(req, sim!, removers),
  });
  try {
    await listener.listen();
  } catch (error) {
    await tls?.dispose();
    retention.stop();
    throw error;
  }
  const origin = `${https ? 'https' : 'http'}://127.0.0.1:${listener.port}`;
  ctx.siteUrl = [origin, ...ctx.contextPath].join('/');
  ctx.portalUrl = ctx.federated ? `${origin}/portal` : null;

  const jobOf = (service: string, jobId: string): JobRec | undefined => store.byId(service)?.jobs.get(jobId);
  sim = {
    url: ctx.siteUrl,
    portalUrl: ctx.portalUrl,
    port: listener.port,
    username,
    password,
    caFile: tls?.caFile ?? '',
    caPem: tls?.caPem ?? '',
    requests: listener.requests,
    stats: listener.stats,
    resetStats: () => listener.resetStats(),
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    expireTokens: () => ctx.auth.expireAll(),
    setDown: (down) => (down ? listener.shutdown() : listener.listen()),
    setAdminDisabled: (disabled) => {
      ctx.adminDisabled = disabled;
    },
    setLatency: (ms) => {
      listener.latencyMs = ms;
    },
    setQueryShape: (shape) => {
      ctx.queryShape = shape;
    },
    setClaimedTotal: (total) => {
      ctx.claimedTotal = total;
    },
    services: () => services.map(({ maxInstances: _m, ...s }) => ({ ...s, tasks: [...s.tasks] })),
    jobs: () => store.all().map(toSimJob),
    getJob: (service, jobId) => {
      const job = jobOf(service, jobId);
      return job ? toSimJob(job) : undefined;
    },
    submitJob: (service, o = {}) => {
      const svc = store.byId(service);
      if (!svc || !svc.def.asynchronous)
        throw new Error(`arcgis-sim: no service '${service}' that makes jobs`);
      return toSimJob(lifecycle.submit(svc, o));
    },
    completeJob: (service, jobId, status) => {
      const job = jobOf(service, jobId);
      if (!job) throw new Error(`arcgis-sim: no job ${jobId} in ${service}`);
      lifecycle.complete(job, status);
      return toSimJob(job);
    },
    onJob: (listenerFn) => store.subscribe((job, previous) => listenerFn(toSimJob(job), previous)),
    waitForJob: (service, jobId, status) =>
      new Promise((resolve) => {
        const now = jobOf(service, jobId);
        if (now?.status === status) return resolve(toSimJob(now));
        const stop = store.subscribe((job) => {
          if (
            job.jobId === jobId &&
            job.svc.def.id === store.byId(service)?.def.id &&
            job.status === status
          ) {
            stop();
            resolve(toSimJob(job));
          }
        });
      }),
    onRequest: (fn) => {
      listener.events.on('request', fn);
      return () => listener.events.off('request', fn);
    },
    waitForIdle: () => listener.idle(),
    clean: () => retention.sweep(),
    close: async () => {
      lifecycle.stop();
      retention.stop();
      await listener.shutdown();
      await tls?.dispose();
    },
  };
  return sim;
}
