/**
 * The diagnostics report against the simulator: it records the shape of every answer the product relies
 * on and contains no token, password, user name, host name, job id or message; the simulator loads its
 * shapes back for every `jobs/query` layout.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../arcgis-sim';
import { QUERY_SHAPES, simOptionsFromReport, startSimulator } from '../../arcgis-sim';
import { Clients } from './helpers';

let sim: Simulator;
const clients = new Clients();

beforeAll(async () => {
  sim = await startSimulator({ seed: 41, jobs: 80, services: 3, contextPath: 'server' });
});
afterEach(async () => {
  sim.setQueryShape('keyed');
  await clients.closeAll();
});
afterAll(async () => {
  await sim.close();
});

describe('gpjobs diagnostics report', () => {
  it('records status, content type, shape and timing of each answer the product relies on', async () => {
    const r = await clients.make(sim).diagnose();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const report = r.value;
    expect(report).toMatchObject({
      format: 'gpjobs-diagnostics/1',
      site: {
        currentVersion: 11.1,
        fullVersion: '11.1.0',
        federated: false,
        contextPath: 'server',
        authMode: 'server',
      },
      signIn: { ok: true, error: null },
      jobsQuery: {
        layout: 'keyed-results',
        valueKeys: ['endTime', 'machineName', 'status', 'submittedTime', 'username'],
      },
    });
    expect(report.probes.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'rest/info',
        'admin/info',
        'admin/services',
        'GP service JSON',
        'jobs/query',
        'job',
        'error answer (unknown job)',
      ]),
    );
    for (const p of report.probes) {
      expect(p).toMatchObject({ status: 200, contentType: 'application/json', body: 'json' });
      expect(p.ms).toBeGreaterThanOrEqual(0);
    }
    const query = report.probes.find((p) => p.name === 'jobs/query')!;
    expect(query.shape).toMatchObject({
      object: {
        total: 'number',
        nextStart: 'number',
        results: {
          map: { object: { status: 'string', username: expect.stringMatching(/string|null/) } },
          size: 2,
        },
      },
    });
    expect(report.probes.find((p) => p.name === 'error answer (unknown job)')).toMatchObject({
      error: { kind: 'not-found', code: 404 },
      shape: { object: { status: 'string', messages: { array: 'string' }, code: 'number' } },
    });
  });

  it('contains no token, password, user name, host name, job id or message', async () => {
    const from = sim.requests.length;
    const r = await clients.make(sim).diagnose();
    expect(r.ok).toBe(true);
    const text = JSON.stringify(r.ok ? r.value : null);
    const tokens = sim.requests
      .slice(from)
      .map((q) => q.params.token)
      .filter(Boolean);
    expect(tokens.length).toBeGreaterThan(0);
    const users = sim
      .jobs()
      .map((j) => j.username)
      .filter((u): u is string => u !== null);
    const forbidden = [
      ...tokens,
      sim.password,
      sim.username,
      ...users,
      '127.0.0.1',
      'localhost',
      new URL(sim.url).host,
      ...sim.jobs().map((j) => j.jobId),
      ...sim.jobs().map((j) => j.machinename),
      'does not exist',
      'jdiagnostics',
    ];
    for (const s of new Set(forbidden)) expect(text.includes(s!), `report contains ${s}`).toBe(false);
  });

  it.each(QUERY_SHAPES.map((s) => [s]))(
    'the simulator loads the shapes of a report of a %s site',
    async (shape) => {
      sim.setQueryShape(shape);
      const r = await clients.make(sim).diagnose();
      expect(r.ok && simOptionsFromReport(r.value)).toEqual({ queryShape: shape, contextPath: 'server' });
    },
  );

  it('the simulator refuses a file that is not a report', () => {
    expect(() => simOptionsFromReport({ format: 'something else' })).toThrow(
      /not a gpjobs diagnostics report/,
    );
  });
});
