/**
 * The Policies panel's handlers and the server retention line: thin adapters over the core's
 * `PolicyService` (the same one `gpjobs policies` uses, on the same `policies.json`), mapping its results
 * to the views the renderer sees. A preview is held in the main process under its id; `policies.start`
 * runs exactly those jobs, as an ordinary bulk run tagged with the policy's name.
 */
import type {
  AuditRunInfo,
  BulkPlan,
  BulkProgressEvent,
  BulkRun,
  PolicyEntry,
  PolicyService,
  Result,
} from '../core';
import { describePolicyJobs, ok, retentionFrom, scheduleLines } from '../core';
import type { ChannelHandlers } from '../shared/contract';
import type { BulkPlanView, PolicyView, RunSummaryView } from '../shared/views';

type PolicyChannels =
  | 'policies.list'
  | 'policies.save'
  | 'policies.remove'
  | 'policies.import'
  | 'policies.export'
  | 'policies.preview'
  | 'policies.start'
  | 'profiles.retention'
  | 'profiles.changeRetention';

/** What the handlers need from the app core's other mappers. */
export interface PolicyHandlerDeps {
  policies: PolicyService;
  planView: (plan: BulkPlan) => BulkPlanView;
  runView: (run: AuditRunInfo) => RunSummaryView;
  /** Starts following a run's progress (the same events as any bulk run). */
  started: (run: Result<BulkRun>) => Result<{ runId: string; plan: BulkPlanView }>;
  onProgress: (event: BulkProgressEvent) => void;
}

/** The handlers of the policy channels and `profiles.retention` / `profiles.changeRetention`. */
export function policyHandlers(deps: PolicyHandlerDeps): Pick<ChannelHandlers, PolicyChannels> {
  const { policies } = deps;
  const view = (p: PolicyEntry, last: AuditRunInfo | undefined): PolicyView => ({
    ...p,
    summary: describePolicyJobs(p),
    lastRun: last ? deps.runView(last) : null,
    schedule: scheduleLines(p.name),
  });
  return {
    'policies.list': async () => {
      const loaded = await policies.store.load();
      if (!loaded.ok) return loaded;
      const last = await policies.lastRuns();
      const list = loaded.value.policies.map((p) => view(p, last.get(p.name.toLowerCase())));
      return ok({ policies: list, problems: loaded.value.problems });
    },
    'policies.save': async ({ policy, replacing }) => {
      const saved = await policies.store.save(policy, replacing);
      if (!saved.ok) return saved;
      const last = (await policies.lastRuns()).get(saved.value.name.toLowerCase());
      return ok(view({ ...saved.value, managed: false }, last));
    },
    'policies.remove': async ({ name }) => {
      const removed = await policies.store.remove(name);
      return removed.ok ? ok(null) : removed;
    },
    'policies.import': async ({ text }) => policies.store.importText(text),
    'policies.export': async ({ names }) => {
      const text = await policies.store.exportText(names);
      return text.ok ? ok({ json: text.value }) : text;
    },
    'policies.preview': async ({ name }) => {
      const previewed = await policies.preview(name);
      if (!previewed.ok) return previewed;
      const p = previewed.value;
      return ok({
        previewId: p.id,
        name: p.policy.name,
        at: p.at,
        servers: p.servers,
        skippedProduction: p.skippedProduction,
        problems: p.problems.map((x) => ({ server: x.server, service: x.service ?? null, error: x.error })),
        warnings: p.warnings,
        plan: deps.planView(p.plan),
        overCap: p.overCap,
      });
    },
    'policies.start': async ({ previewId }) =>
      deps.started(await policies.start(previewId, { onProgress: deps.onProgress })),
    'profiles.retention': async ({ profileId }) => {
      const read = await policies.retention(profileId);
      if (!read.ok) return read;
      return ok({
        ...retentionFrom(read.value.directory),
        line: read.value.line,
        warning: read.value.warning,
      });
    },
    // The CLI's `servers retention`: the same plan (IT's prohibition first, one read of the jobs directory),
    // edit and server changes log.
    // An apply planned again from a server changed since its preview (`previewed`) is refused.
    'profiles.changeRetention': async ({ profileId, cleanup, maxFileAgeMinutes, apply, previewed }) => {
      const wish = { cleanup, maxFileAgeMinutes };
      const plan = await policies.planRetention(profileId, wish, apply ? previewed : undefined);
      if (!plan.ok) return plan;
      const planned = { summary: plan.value.summary, from: retentionFrom(plan.value.directory) };
      if (!apply) return ok({ ...planned, recordedIn: null });
      const applied = await policies.applyRetention(plan.value);
      return applied.ok ? ok({ ...planned, recordedIn: applied.value }) : applied;
    },
  };
}
