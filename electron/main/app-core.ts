/**
 * The main process's handlers: one per contract channel, each a thin adapter over the core service that
 * maps core results to the views the renderer sees. No Electron import, so the e2e harness runs exactly
 * these handlers (behind the same `dispatch` validation) in plain Node.
 */
import {
  needsTypedConfirmation,
  isLockedKeychainError,
  JobAdminService,
  PolicyService,
  err,
  ok,
} from '../core';
import type {
  AuditRunInfo,
  CredentialStatus,
  BulkPlan,
  BulkProgressEvent,
  BulkRun,
  TransportFactory,
  AppError,
  AuditRunResults,
  Result,
} from '../core';
import type { ChannelHandlers, EventChannel, EventPayloads } from '../shared/contract';
import {
  BULK_PLAN_FIELDS,
  JOB_RESULT_FIELDS,
  PLAN_SERVER_FIELDS,
  PLAN_SERVICE_FIELDS,
  RUN_SUMMARY_FIELDS,
  SERVER_LINE_FIELDS,
  type BulkPlanView,
  type BulkProgressView,
  type CredentialState,
  type ProfileView,
  type RunResultsView,
  type RunSummaryView,
} from '../shared/views';
import { pick } from '../shared/pick';
import { listStreamed, listWhole } from './job-listing';
import { policyHandlers } from './policy-handlers';
import { externalUrl } from './security';

/** What `createAppCore` is built from. */
export interface AppCoreOptions {
  configDir: string;
  managedProfilesPath: string | null;
  keychainService?: string;
  /** The transport for servers without their own CA (Electron passes its `net` transport). */
  fetchFactory?: TransportFactory;
  /** Opens a URL in the OS browser (already checked against the configured servers). */
  openExternal: (url: string) => Promise<void>;
  /** Per-request timeout. */
  timeoutMs?: number;
}

/** The handlers, the events they raise, and shutdown. */
export interface AppCore {
  handlers: ChannelHandlers;
  onEvent<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void): () => void;
  dispose(): Promise<void>;
}

/** The plan as the confirmation dialog shows it (without the per-job list). */
export function planView(plan: BulkPlan): BulkPlanView {
  return {
    ...pick(plan, BULK_PLAN_FIELDS),
    servers: plan.servers.map((s) => ({
      ...pick(s, PLAN_SERVER_FIELDS),
      services: s.services.map((v) => pick(v, PLAN_SERVICE_FIELDS)),
    })),
    requiresTypedConfirmation: needsTypedConfirmation(plan),
  };
}

/** A progress event as the renderer sees it: the snapshot as it is, each server's line and result narrowed. */
export function progressView(e: BulkProgressEvent): BulkProgressView {
  const { servers, results, ...snapshot } = e;
  return {
    ...snapshot,
    servers: servers.map((s) => ({
      ...pick(s, SERVER_LINE_FIELDS),
      error: s.lastError ?? null,
      retryAfterUntil: s.retryAfterUntil ?? null,
    })),
    results: results.map((r) => pick(r, JOB_RESULT_FIELDS)),
  };
}

/** A run of the audit log as the run history lists it. */
export function runView(run: AuditRunInfo): RunSummaryView {
  return { ...pick(run, RUN_SUMMARY_FIELDS), running: run.running === true };
}

type Listeners = { [E in EventChannel]: Set<(payload: EventPayloads[E]) => void> };

/** Builds the core service and the handlers over it. */
export function createAppCore(options: AppCoreOptions): AppCore {
  const service = new JobAdminService({
    configDir: options.configDir,
    managedProfilesPath: options.managedProfilesPath,
    ...(options.keychainService ? { keychainService: options.keychainService } : {}),
    ...(options.fetchFactory ? { transport: options.fetchFactory } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const policies = new PolicyService(service, {
    configDir: options.configDir,
    managedProfilesPath: options.managedProfilesPath,
  });
  const listeners: Listeners = {
    'bulk.progress': new Set(),
    'connection.state': new Set(),
    'jobs.page': new Set(),
  };
  const emit = <E extends EventChannel>(channel: E, payload: EventPayloads[E]): void => {
    for (const listener of listeners[channel]) (listener as (p: EventPayloads[E]) => void)(payload);
  };
  const unsubscribeConnections = service.connections.subscribe((state) => emit('connection.state', state));
  const onProgress = (e: BulkProgressEvent) => emit('bulk.progress', progressView(e));
  const started = (run: Result<BulkRun>) =>
    run.ok ? ok({ runId: run.value.runId, plan: planView(run.value.plan) }) : run;

  const handlers: ChannelHandlers = {
    'profiles.list': async () => {
      const loaded = await service.profiles.load();
      if (!loaded.ok) return loaded;
      const profiles: ProfileView[] = await Promise.all(
        loaded.value.profiles.map(async (p) => ({
          ...p,
          credential: credentialState(await service.vault.status(p.id)),
        })),
      );
      return ok({ profiles, problems: loaded.value.problems });
    },
    'profiles.save': async (input) => {
      const saved = await service.saveProfile(input);
      return saved.ok ? ok({ ...saved.value, managed: false }) : saved;
    },
    'profiles.remove': async ({ profileId }) => {
      const removed = await service.removeProfile(profileId);
      return removed.ok ? ok({ credentialWarning: removed.value.credentialWarning ?? null }) : removed;
    },
    'profiles.import': async ({ text }) => service.profiles.importFile(text),
    'profiles.export': async ({ profileIds }) => {
      const json = await service.profiles.exportJson(profileIds);
      return json.ok ? ok({ json: json.value }) : json;
    },
    'profiles.test': async ({ profileId }) => service.testConnection(profileId),
    'profiles.testDraft': async ({ profile, password }) => service.testDraft(profile, password),
    'profiles.diagnose': async ({ profileId }) => {
      const client = await service.client(profileId);
      const report = client.ok ? await client.value.diagnose() : client;
      return report.ok ? ok({ text: JSON.stringify(report.value, null, 2) }) : report;
    },
    'credentials.set': async ({ profileId, password, sessionOnly }) => {
      const status = await service.setPassword(profileId, password, sessionOnly ?? false);
      return status.ok ? ok({ stored: status.value.stored }) : status;
    },
    'credentials.clear': async ({ profileId }) => nullResult(await service.clearPassword(profileId)),
    'credentials.status': async ({ profileId }) => {
      const status = await service.vault.status(profileId);
      return ok({ stored: credentialState(status), keychainError: status.keychainError?.message ?? null });
    },
    'jobs.discover': async ({ profileId }) => service.discover(profileId),
    'jobs.list': async ({ profileId, query, listingId }, caller) =>
      listingId && caller
        ? listStreamed(service, profileId, query ?? {}, (batch, columns) =>
            caller.push('jobs.page', { listingId, profileId, batch, columns }),
          )
        : listWhole(service, profileId, query ?? {}),
    'jobs.detail': async ({ profileId, service: svc, jobId }) => {
      const found = await service.jobDetail(profileId, svc, jobId);
      if (!found.ok) return found;
      const { job, detail, detailError, parameters } = found.value;
      return ok({
        job,
        messages: detail?.messages ?? [],
        progress: detail?.progress ?? null,
        restUrl: job.url,
        messagesError: detailError,
        parameters: parameters.map((p) => ({ ...p })),
      });
    },
    'bulk.plan': async ({ action, jobs }) => {
      const held = await service.bulk.prepare(action, jobs);
      return held.ok ? ok({ ...planView(held.value.plan), planId: held.value.planId }) : held;
    },
    'bulk.start': async ({ planId }) => started(await service.bulk.start(planId, { onProgress })),
    'bulk.discard': async ({ planId }) => {
      service.bulk.discard(planId);
      return ok(null);
    },
    'bulk.pause': async ({ runId }) => service.bulk.control(runId, 'pause'),
    'bulk.resume': async ({ runId }) => service.bulk.control(runId, 'resume'),
    'bulk.abort': async ({ runId }) => service.bulk.control(runId, 'abort'),
    'bulk.retryFailed': async ({ runId }) => started(await service.bulk.retryFailed(runId, { onProgress })),
    'bulk.exportResults': async ({ runId, format }) => service.bulk.exportRun(runId, format),
    'bulk.listRuns': async () => ok((await service.bulk.listRuns()).map(runView)),
    'bulk.runResults': async ({ runId }) => {
      const read = await service.bulk.runResults(runId);
      return read.ok ? ok(runResultsView(read.value)) : read;
    },
    'bulk.retention': async ({ keepDays }) => {
      const policy =
        keepDays === undefined ? await service.audit.retention() : await service.audit.setRetention(keepDays);
      if (!policy.ok) return policy;
      const v: { keepDays: number | null; minimumDays: number | null; removed?: number } = policy.value;
      return ok({ keepDays: v.keepDays, minimumDays: v.minimumDays, removed: v.removed ?? 0 });
    },
    ...policyHandlers({ policies, planView, runView, started, onProgress }),
    'app.openExternal': async ({ url }) => {
      const listed = await service.profiles.list();
      if (!listed.ok) return listed;
      const origins = listed.value.flatMap((p) => [p.serverUrl, p.adminUrl, p.portalUrl]).filter(isString);
      const target = externalUrl(url, origins);
      if (target === null) return err(notAllowedLink(url));
      await options.openExternal(target);
      return ok(null);
    },
  };

  return {
    handlers,
    onEvent(channel, listener) {
      listeners[channel].add(listener);
      return () => listeners[channel].delete(listener);
    },
    async dispose() {
      unsubscribeConnections();
      await service.dispose();
    },
  };
}

/** The most result rows a run's drill-down carries to the renderer (the export has them all). */
const RUN_RESULTS_SHOWN = 2_000;

/** A past run and its results for the drill-down: failures first, capped at RUN_RESULTS_SHOWN rows. */
function runResultsView(read: AuditRunResults): RunResultsView {
  const failedFirst = [
    ...read.results.filter((r) => r.outcome === 'failed'),
    ...read.results.filter((r) => r.outcome !== 'failed'),
  ];
  return {
    run: runView(read.run),
    results: failedFirst.slice(0, RUN_RESULTS_SHOWN).map((r) => ({
      profileId: r.profileId,
      server: r.server,
      service: r.service,
      jobId: r.jobId,
      outcome: r.outcome,
      message: r.message ?? null,
      time: r.time ?? null,
    })),
    total: read.results.length,
    unfinished: read.unfinished.length,
  };
}

function nullResult(r: Result<unknown>): Result<null> {
  return r.ok ? ok(null) : r;
}

function isString(v: string | null): v is string {
  return typeof v === 'string';
}

function notAllowedLink(url: string): AppError {
  return {
    kind: 'invalid-input',
    message: `Not opening ${url.slice(0, 200)}: only https pages of your configured servers are opened.`,
  };
}

/** Where a password is as the window shows it: a locked keyring is `locked`, never "not stored". */
function credentialState(status: CredentialStatus): CredentialState {
  return status.stored === 'none' && isLockedKeychainError(status.keychainError) ? 'locked' : status.stored;
}
