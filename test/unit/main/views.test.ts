import { describe, expect, expectTypeOf, it } from 'vitest';
import { planView, progressView, runView } from '../../../electron/main/app-core';
import { planBulk } from '../../../electron/core/bulk/plan';
import type { AuditRunInfo, BulkProgressEvent, JobResult } from '../../../electron/core/vocabulary';
import type { BulkPlan, BulkSnapshot, ServerProgress } from '../../../electron/core/vocabulary';
import { pick } from '../../../electron/shared/pick';
import type {
  BulkPlanView,
  BulkProgressView,
  JobResultView,
  RunSummaryView,
  ServerLineView,
} from '../../../electron/shared/views';

const plan = planBulk(
  [
    { profileId: 'p1', service: 'Tools/Buffer', jobId: 'a', status: 'esriJobSucceeded' },
    { profileId: 'p1', service: 'Tools/Buffer', jobId: 'b', status: 'esriJobExecuting' },
  ],
  'delete',
  [{ id: 'p1', name: 'Prod', concurrency: 8, production: true, serverUrl: 'https://prod/arcgis' }],
);

const result: JobResult = {
  profileId: 'p1',
  server: 'Prod',
  serverUrl: 'https://prod/arcgis',
  service: 'Tools/Buffer',
  jobId: 'a',
  action: 'delete',
  outcome: 'failed',
  message: 'Token expired',
  kind: 'auth',
  code: 498,
  attempts: 2,
  status: 'esriJobSucceeded',
  submittedTime: 1,
  endTime: 2,
  username: 'ana',
  machinename: 'GIS1',
  finishedAt: 3,
};

const line: ServerProgress = {
  profileId: 'p1',
  name: 'Prod',
  total: 2,
  done: 1,
  inFlight: 1,
  state: 'cooling-down',
  lastError: { kind: 'timeout', message: 'No answer' },
};

const event: BulkProgressEvent = {
  paused: false,
  finished: false,
  aborted: false,
  runId: 'r1',
  action: 'delete',
  counts: { deleted: 0, cancelled: 0, 'already-gone': 0, skipped: 0, failed: 1 },
  total: 2,
  done: 1,
  etaSeconds: 2,
  ratePerSec: 0.5,
  servers: [
    line,
    { ...line, profileId: 'p2', state: 'running', lastError: undefined, retryAfterUntil: 1_800_000_000_000 },
  ],
  results: [result, { ...result, jobId: 'b', outcome: 'deleted', message: undefined, code: undefined }],
};

describe('the IPC views of the core types', () => {
  it('are the core types narrowed, so a field changes in one place', () => {
    expectTypeOf<BulkPlanView['servers'][number]['running']>().toEqualTypeOf<
      BulkPlan['servers'][number]['running']
    >();
    expectTypeOf<JobResultView['outcome']>().toEqualTypeOf<JobResult['outcome']>();
    expectTypeOf<ServerLineView['state']>().toEqualTypeOf<ServerProgress['state']>();
    expectTypeOf<Omit<BulkProgressView, 'servers' | 'results'>>().toEqualTypeOf<
      Omit<BulkSnapshot, 'servers'>
    >();
    expectTypeOf<RunSummaryView['counts']>().toEqualTypeOf<AuditRunInfo['counts']>();
  });

  it('send a plan without its per-job list, server URLs or concurrency', () => {
    const view = planView(plan);
    expect(view).toMatchObject({
      action: 'delete',
      total: 2,
      eligible: 2,
      running: 1,
      requiresTypedConfirmation: true,
    });
    expect(Object.keys(view).sort()).toEqual([
      'action',
      'eligible',
      'requiresTypedConfirmation',
      'running',
      'servers',
      'skipped',
      'total',
    ]);
    const [server] = view.servers;
    expect(Object.keys(server!).sort()).toEqual([
      'eligible',
      'name',
      'production',
      'profileId',
      'running',
      'services',
      'skipped',
    ]);
    expect(server).toMatchObject({ profileId: 'p1', name: 'Prod', production: true, running: 1 });
    const [service] = server!.services;
    expect(Object.keys(service!).sort()).toEqual(['eligible', 'service', 'skipped', 'statuses']);
    expect(service!.statuses).toEqual(plan.servers[0]!.services[0]!.statuses);
  });

  it('send progress as the snapshot, with server lines and results narrowed to what the renderer shows', () => {
    const view = progressView(event);
    const { servers: _servers, results: _results, ...snapshot } = event;
    expect(view).toMatchObject(snapshot);
    expect(view.servers).toEqual([
      {
        profileId: 'p1',
        name: 'Prod',
        total: 2,
        done: 1,
        state: 'cooling-down',
        error: line.lastError,
        retryAfterUntil: null,
      },
      {
        profileId: 'p2',
        name: 'Prod',
        total: 2,
        done: 1,
        state: 'running',
        error: null,
        retryAfterUntil: 1_800_000_000_000,
      },
    ]);
    expect(view.results).toEqual([
      {
        profileId: 'p1',
        service: 'Tools/Buffer',
        jobId: 'a',
        outcome: 'failed',
        message: 'Token expired',
        code: 498,
      },
      { profileId: 'p1', service: 'Tools/Buffer', jobId: 'b', outcome: 'deleted' },
    ]);
    expect(Object.keys(view.results[1]!)).not.toContain('message');
  });

  it('send a run of the history with whether it is still being written', () => {
    const run: AuditRunInfo = {
      runId: 'r1',
      action: 'cancel',
      startedAt: '2026-01-01T00:00:00.000Z',
      endedAt: null,
      osUser: 'ana',
      profiles: [{ id: 'p1', name: 'Prod', serverUrl: 'https://prod/arcgis' }],
      servers: ['Prod'],
      total: 3,
      counts: { deleted: 0, cancelled: 1, 'already-gone': 0, skipped: 0, failed: 0 },
      done: 1,
      aborted: false,
      interrupted: true,
      inFlight: 2,
    };
    expect(runView(run)).toEqual({
      runId: 'r1',
      action: 'cancel',
      startedAt: '2026-01-01T00:00:00.000Z',
      endedAt: null,
      total: 3,
      counts: run.counts,
      interrupted: true,
      running: false,
      aborted: false,
      osUser: 'ana',
      servers: ['Prod'],
    });
    expect(runView({ ...run, running: true }).running).toBe(true);
  });

  it('pick copies only the named fields and leaves an undefined optional one out', () => {
    const from: { a: number; b?: string; c: string } = { a: 1, b: undefined, c: 'x' };
    const picked = pick(from, ['a', 'b']);
    expect(picked).toEqual({ a: 1 });
    expect('b' in picked).toBe(false);
  });
});
