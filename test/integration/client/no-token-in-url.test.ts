import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../arcgis-sim';
import { startSimulator } from '../../arcgis-sim';
import { createNodeFetch } from '../../../electron/core/arcgis';
import { Clients, expectNoTokenInUrls, profileFor } from './helpers';

let sim: Simulator;
let fed: Simulator;
const clients = new Clients();

beforeAll(async () => {
  [sim, fed] = await Promise.all([
    startSimulator({ seed: 41, jobs: 120, services: 3, maxPageSize: 25, jobDurationMs: Infinity }),
    startSimulator({ seed: 42, jobs: 40, services: 2, federated: true }),
  ]);
});

afterAll(async () => {
  await clients.closeAll();
  await Promise.all([sim.close(), fed.close()]);
});

/** Every operation of the client once, plus a token expiry, against one simulator. */
async function everyOperation(s: Simulator, authMode: 'server' | 'portal'): Promise<void> {
  const client = clients.make(s, { authMode });
  expect((await client.testConnection()).ok).toBe(true);
  const services = await client.discoverServices();
  if (!services.ok) throw new Error(services.error.message);
  const list = await client.listJobs({ statuses: ['esriJobSucceeded', 'esriJobFailed'] });
  if (!list.ok) throw new Error(list.error.message);
  const job = list.value.jobs[0]!;
  s.expireTokens();
  expect((await client.getJob(job.service, job.jobId)).ok).toBe(true);
  expect((await client.getJobDetail(job)).ok).toBe(true);
  expect((await client.jobStatistics(job.service)).ok).toBe(true);
  const running = s.submitJob(job.service, { status: 'esriJobExecuting' });
  expect((await client.cancelJob(job.service, running.jobId)).ok).toBe(true);
  expect((await client.deleteJob(job.service, job.jobId)).ok).toBe(true);
}

describe('tokens never travel in URLs', () => {
  it('no request carries a token in its URL, across every operation (standalone)', async () => {
    await everyOperation(sim, 'server');
    expect(sim.requests.some((r) => r.params.token)).toBe(true);
    expectNoTokenInUrls(sim);
  });

  it('no request carries a token in its URL, across every operation (federated)', async () => {
    await everyOperation(fed, 'portal');
    expectNoTokenInUrls(fed);
  });

  it('the check fails when a request does carry a token in its URL', async () => {
    const probe = await startSimulator({ seed: 43, jobs: 1, services: 1 });
    const fetchFn = createNodeFetch(profileFor(probe));
    try {
      const res = await fetchFn(`${probe.url}/rest/info?f=json&token=leaked`, {
        method: 'POST',
        headers: {},
        redirect: 'manual',
      });
      await res.body?.getReader().cancel();
      expect(() => expectNoTokenInUrls(probe)).toThrow(/token in the URL/);
    } finally {
      await fetchFn.close();
      await probe.close();
    }
  });
});
