/**
 * `listJobs` with `onJobs`: each page's jobs are handed on as that page is read, not once the whole
 * service is listed, and every job exactly once even when jobs shift between pages while they are read.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../arcgis-sim';
import { startSimulator } from '../../arcgis-sim';
import type { JobBatch } from '../../../electron/core/arcgis';
import { batchJobs } from '../../../electron/core/arcgis';
import type { Job } from '../../../electron/core/types';
import { Clients, expectNoTokenInUrls } from './helpers';

let sim: Simulator;
const clients = new Clients();
const PAGE = 20;

beforeAll(async () => {
  sim = await startSimulator({ seed: 41, jobs: 300, services: 2, jobDurationMs: Infinity });
});

afterEach(async () => {
  sim.clearFaults();
  await clients.closeAll();
});

afterAll(async () => {
  expectNoTokenInUrls(sim);
  await sim.close();
});

/** The service with the most jobs, and its job ids. */
function busiest(): { service: string; ids: string[] } {
  const by = new Map<string, string[]>();
  for (const j of sim.jobs()) by.set(j.service, [...(by.get(j.service) ?? []), j.jobId]);
  const [service, ids] = [...by.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
  return { service, ids };
}

/** Whether a request (as faults or the request log see it) asks for the page starting at `start`. */
const isQueryPage = (req: { params: Record<string, string> }, path: string, start: number): boolean =>
  path.includes('/jobs/query') && req.params.start === String(start);

describe('listJobs hands jobs on page by page', () => {
  it('hands on every other page while the service’s last page is still unanswered', async () => {
    const { service, ids } = busiest();
    expect(ids.length).toBeGreaterThan(4 * PAGE);
    const lastStart = 1 + PAGE * (Math.ceil(ids.length / PAGE) - 1);
    const onLastPage = ids.length - (lastStart - 1);
    // The simulator receives the last page and never answers it (until the client goes away).
    sim.addFault({ kind: 'timeout', match: (req) => isQueryPage(req, req.path, lastStart) });
    const handed: Job[][] = [];
    let othersIn!: () => void;
    const allOthers = new Promise<void>((resolve) => (othersIn = resolve));
    const onJobs = (listed: string, batch: JobBatch): void => {
      expect(listed).toBe(service);
      handed.push(batchJobs('p', batch));
      if (handed.flat().length === ids.length - onLastPage) othersIn();
    };
    let heldAsked!: () => void;
    const asked = new Promise<void>((resolve) => (heldAsked = resolve));
    const unlisten = sim.onRequest((req) => void (isQueryPage(req, req.url, lastStart) && heldAsked()));
    const stop = new AbortController();
    let settled = false;
    const listing = clients
      .make(sim)
      .listJobs({}, [service], { pageSize: PAGE, onJobs, signal: stop.signal })
      .finally(() => (settled = true));
    await Promise.all([allOthers, asked]);
    unlisten();
    // The last page was asked for and is held, the listing has not ended: yet every other page is in.
    expect(sim.stats.inFlight).toBeGreaterThanOrEqual(1);
    expect(settled).toBe(false);
    expect(handed.length).toBe(Math.ceil(ids.length / PAGE) - 1);
    expect(handed.flat()).toHaveLength(ids.length - onLastPage);
    expect(handed.every((page) => page.length > 0 && page.length <= PAGE)).toBe(true);
    const got = handed.flat().map((j) => j.jobId);
    expect(new Set(got).size).toBe(got.length);
    expect(got.every((id) => ids.includes(id))).toBe(true);
    stop.abort();
    const r = await listing;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe('aborted');
  });

  it('hands on every job exactly once, in pages, when jobs shift between pages as they are read', async () => {
    const { service } = busiest();
    let shifts = 1;
    const unlisten = sim.onRequest((req) => {
      if (shifts > 0 && isQueryPage(req, req.url, 1 + PAGE)) {
        shifts--;
        // An old job: every later job moves one place down, so one job is on two pages.
        sim.submitJob(service, { status: 'esriJobSucceeded', submittedTime: 1000 });
      }
    });
    try {
      const handed: Job[][] = [];
      const r = await clients.make(sim).listJobs({}, [service], {
        pageSize: PAGE,
        onJobs: (_s, batch) => void handed.push(batchJobs('p', batch)),
      });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.jobs).toEqual([]);
      expect(r.value.warnings).toEqual([]);
      expect(handed.length).toBeGreaterThan(1);
      const got = handed.flat().map((j) => j.jobId);
      expect(new Set(got).size).toBe(got.length);
      expect(got.sort()).toEqual(busiest().ids.sort());
    } finally {
      unlisten();
    }
  });
});
