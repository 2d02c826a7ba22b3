/**
 * The status filter of `jobs/query` under both spellings Esri uses: the "Query Jobs" page documents
 * `jobStatus`, while Esri's Python client (`JobManager.search`) sends `status`. A site that filters by
 * the spelling the client did not send answers every job; when its entries carry no status (keyed
 * values left empty), nothing on the page tells the jobs apart, so the filter the client sent must
 * actually have been applied, or every job would be shown (and deleted) as the status asked for.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Simulator, StatusFilterParam } from '../../arcgis-sim';
import { Clients, useClientSims } from './helpers';

const SERVICE = 'Tools/Buffer';
const clients = new Clients();
const start = useClientSims(
  { seed: 41, jobs: 160, services: 2, jobDurationMs: Infinity, queryShape: 'keyed-empty' },
  clients,
);

describe.each<[StatusFilterParam]>([['jobStatus'], ['status']])('a site filtering by %s', (param) => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await start({ statusFilterParam: param });
  });

  it('lists only the jobs of the statuses asked for, each with the status the server holds', async () => {
    const wanted = ['esriJobFailed', 'esriJobSucceeded'];
    const from = sim.requests.length;
    const r = await clients.make(sim).queryJobs(SERVICE, { statuses: wanted as never });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const expected = sim
      .jobs()
      .filter((j) => j.service === SERVICE && wanted.includes(j.status))
      .map((j) => `${j.jobId} ${j.status}`)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(sim.jobs().filter((j) => j.service === SERVICE).length);
    expect(r.value.map((j) => `${j.jobId} ${j.status}`).sort()).toEqual(expected);
    // Requests: each job read once on its own (its entry is empty, so job-fill.ts reads it) plus one
    // read per status query to check the filter, and each page once.
    const sent = sim.requests.slice(from);
    const reads = sent.filter(
      (q) => /\/jobs\/[^/]+$/.test(q.url.split('?')[0]!) && !q.url.includes('/query'),
    );
    expect(reads.length).toBe(expected.length + wanted.length);
    // One value under both names, and only a documented one.
    const queries = sent.filter((q) => q.url.includes('/jobs/query'));
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) {
      expect(wanted).toContain(q.params.jobStatus);
      expect(q.params.status).toBe(q.params.jobStatus);
    }
  });
});

describe('a site (or a gateway in front of it) that applies neither name', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await start({ statusFilterParam: 'none' });
  });

  it('fails the listing, saying the filter was ignored, instead of labelling every job Failed', async () => {
    const all = sim.jobs().filter((j) => j.service === SERVICE);
    expect(all.some((j) => j.status !== 'esriJobFailed')).toBe(true);
    const r = await clients.make(sim).queryJobs(SERVICE, { statuses: ['esriJobFailed'] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(/ignored the status filter/);
    expect(r.error.message).toMatch(/no job of this service was listed/);
  });

  it('hands no job of that service on to a listing that takes them page by page', async () => {
    const handed: string[] = [];
    const r = await clients
      .make(sim)
      .listJobs({ statuses: ['esriJobFailed', 'esriJobSucceeded'] }, [SERVICE], {
        onJobs: (_service, batch) => handed.push(...batch.jobIds),
        pageSize: 20,
      });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(/ignored the status filter/);
    expect(handed).toEqual([]);
  });
});
