/**
 * A listing's discovery overlapped with the jobs of the services an earlier discovery found, over a real
 * simulator, real sockets and the real keychain. The transport between the core and the simulator can hold
 * the site's folder listings (to show the jobs queries start first) and hide services from them (a service
 * published or deleted between two listings, as the admin folder listing reports it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobAdminService } from '../../../electron/core';
import { createNodeFetch } from '../../../electron/core/arcgis';
import type { FetchLike, ResponseLike } from '../../../electron/core/arcgis/transport';
import type { Job } from '../../../electron/core';
import { listStreamed } from '../../../electron/main/job-listing';
import { fromColumns } from '../../../electron/shared/job-columns';
import type { ListedJob } from '../../../electron/shared/views';
import { startSimulator, type Simulator } from '../../arcgis-sim/index';
import { testService } from '../keychain/keychain-service';
import { addSimProfile } from './sim-profile';

let sim: Simulator;
let service: JobAdminService;
let configDir: string;
let profileId: string;
/** serviceName values the folder listings leave out. */
const hidden = new Set<string>();
/** Held before a folder listing is sent, while set. */
let gate: Promise<void> | null = null;
/** Called with each URL whose answer reached the core. */
let answered: (url: string) => void = () => {};

const isFolderListing = (url: string): boolean => /\/admin\/services(\/[^/.]+)?$/.test(new URL(url).pathname);

/** A folder listing without the hidden services (and without a content length, which no longer holds). */
async function withoutHidden(res: ResponseLike): Promise<ResponseLike> {
  const reader = res.body!.getReader();
  const chunks: Uint8Array[] = [];
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value!);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
    services?: Array<{ serviceName: string }>;
  };
  body.services = (body.services ?? []).filter((s) => !hidden.has(s.serviceName));
  let bytes: Uint8Array | null = new TextEncoder().encode(JSON.stringify(body));
  const headers = { get: (n: string) => (/^content-length$/i.test(n) ? null : res.headers.get(n)) };
  const read = async () => (bytes ? { done: false, value: bytes } : { done: true });
  const next = { read: () => read().finally(() => (bytes = null)), cancel: async () => {} };
  return { status: res.status, headers, body: { getReader: () => next } };
}

beforeEach(async () => {
  hidden.clear();
  gate = null;
  answered = () => {};
  sim = await startSimulator({ jobs: 120, seed: 5 });
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpja-overlap-'));
  const transport = (profile: { concurrency: number }) => {
    const inner = createNodeFetch({ caCertPem: sim.caPem, concurrency: profile.concurrency });
    const fetch: FetchLike & { close: () => Promise<void> } = async (url, init) => {
      const listing = isFolderListing(url);
      if (listing && gate) await gate;
      const res = await inner(url, init);
      answered(url);
      return listing && hidden.size > 0 ? withoutHidden(res) : res;
    };
    fetch.close = () => inner.close();
    return fetch;
  };
  service = new JobAdminService({
    configDir,
    managedProfilesPath: null,
    keychainService: testService(),
    transport,
  });
  profileId = await addSimProfile(service, sim, { name: 'Overlap', caCertPem: null });
});

afterEach(async () => {
  await service.dispose();
  await sim.close();
  fs.rmSync(configDir, { recursive: true, force: true });
});

/** A listing as the window receives it: the streamed batches' rows, and the answer. */
async function windowListing(): Promise<{ rows: ListedJob[]; failures: unknown[]; services: number }> {
  const rows: ListedJob[] = [];
  const r = await listStreamed(service, profileId, {}, (_b, columns) =>
    rows.push(...fromColumns(profileId, columns)),
  );
  if (!r.ok) throw new Error(r.error.message);
  expect(r.value.streamed?.jobs).toBe(rows.length);
  return { rows, failures: r.value.failures, services: r.value.services };
}

const servicesOf = (rows: ReadonlyArray<{ service: string }>): string[] =>
  [...new Set(rows.map((j) => j.service))].sort();
const simJobsOf = (svc: string) => sim.jobs().filter((j) => j.service === svc);

describe('a listing after the first', () => {
  it('queries the known services’ jobs before discovery’s folder listing has answered', async () => {
    const first = await windowListing();
    const order: string[] = [];
    let open = (): void => {};
    gate = new Promise<void>((resolve) => (open = resolve));
    const off = sim.onRequest((req) => {
      if (!req.url.includes('/jobs/query')) return;
      order.push('jobs/query');
      open();
    });
    answered = (url) => void (isFolderListing(url) && order.push('folder listing'));
    const second = await windowListing();
    off();
    expect(order[0]).toBe('jobs/query');
    expect(order).toContain('folder listing');
    expect(second.rows.map((j) => j.jobId).sort()).toEqual(first.rows.map((j) => j.jobId).sort());
    expect(service.jobs.size).toBe(first.rows.length);
  });

  it('lists a service published since the last listing', async () => {
    hidden.add('Buffer');
    const first = await windowListing();
    expect(servicesOf(first.rows)).not.toContain('Tools/Buffer');
    hidden.clear();
    const second = await windowListing();
    const buffer = second.rows.filter((j) => j.service === 'Tools/Buffer');
    expect(buffer.map((j) => j.jobId).sort()).toEqual(
      simJobsOf('Tools/Buffer')
        .map((j) => j.jobId)
        .sort(),
    );
    expect(second.services).toBe(first.services + 1);
    expect(
      service.jobs.find({ profileId, service: buffer[0]!.service, jobId: buffer[0]!.jobId }),
    ).toBeDefined();
    expect(service.jobs.size).toBe(second.rows.length);
  });

  it('drops a service deleted since the last listing: no rows, no failure, nothing cached', async () => {
    const first = await windowListing();
    const viewshed = simJobsOf('Analysis/Viewshed');
    expect(viewshed.length).toBeGreaterThan(0);
    expect(servicesOf(first.rows)).toContain('Analysis/Viewshed');
    hidden.add('Viewshed');
    // Discovery waits until a page of the deleted service has come back, so that page was read early.
    let open = (): void => {};
    gate = new Promise<void>((resolve) => (open = resolve));
    answered = (url) => void (url.includes('/Viewshed.GPServer/jobs/query') && open());
    const second = await windowListing();
    expect(servicesOf(second.rows)).not.toContain('Analysis/Viewshed');
    expect(second.rows.length).toBe(first.rows.length - viewshed.length);
    expect(second.failures).toEqual([]);
    expect(second.services).toBe(first.services - 1);
    expect(
      service.jobs.find({ profileId, service: 'Analysis/Viewshed', jobId: viewshed[0]!.jobId }),
    ).toBeUndefined();
    expect(service.jobs.size).toBe(second.rows.length);
    // The core's own (not streamed) listing agrees.
    const whole = await service.listJobs(profileId);
    expect(whole.ok && servicesOf(whole.value.jobs)).toEqual(servicesOf(second.rows));
  });

  it('serves discovery’s folder listings ahead of the job pages queued for the server’s one slot', async () => {
    profileId = await addSimProfile(service, sim, { name: 'One slot', caCertPem: null, concurrency: 1 });
    const first = await windowListing();
    const order: string[] = [];
    const off = sim.onRequest((req) => {
      const url = new URL(req.url, sim.url).href;
      order.push(
        isFolderListing(url) ? 'folder listing' : url.includes('/jobs/query') ? 'jobs/query' : 'other',
      );
    });
    const second = await windowListing();
    off();
    const services = first.services;
    expect(services).toBeGreaterThan(2);
    // Every known service's first page queued while the root listing held the slot; the folder listings it
    // leads to went ahead of them (at most one page, had it taken the slot before the root listing, is earlier).
    const folderListings = order.filter((k) => k === 'folder listing').length;
    expect(folderListings).toBeGreaterThan(1);
    const beforeLast = order.slice(0, order.lastIndexOf('folder listing'));
    expect(beforeLast.filter((k) => k === 'jobs/query').length).toBeLessThanOrEqual(1);
    expect(order.filter((k) => k === 'jobs/query').length).toBeGreaterThanOrEqual(services);
    expect(second.rows.map((j) => j.jobId).sort()).toEqual(first.rows.map((j) => j.jobId).sort());
  });

  it('fails with discovery’s own error when discovery fails, streaming nothing and keeping the last listing', async () => {
    const first = await windowListing();
    sim.addFault({ kind: 'http500', match: (r) => /\/admin\/services$/.test(r.path) });
    const expected = await service.discover(profileId);
    expect(expected.ok).toBe(false);
    const streamed: Job[][] = [];
    const second = await service.listJobs(profileId, {}, { onJobs: (jobs) => streamed.push(jobs) });
    expect(second.ok).toBe(false);
    expect(!second.ok && second.error).toEqual(!expected.ok && expected.error);
    expect(streamed).toEqual([]);
    expect(service.jobs.size).toBe(first.rows.length);
    expect(service.connections.get(profileId)?.state).toBe('error');
  });
});
