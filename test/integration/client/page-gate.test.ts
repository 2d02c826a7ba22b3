/**
 * The page gate as the real client wires it (job-walk.ts, page-gate.ts): a listing's pages wait at the
 * client's gate, not as requests queued in its limiter, and every walk of one client shares that gate.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { QUERY_SHAPES } from '../../arcgis-sim';
import type { QueryShape, Simulator } from '../../arcgis-sim';
import type { ArcGisClient } from '../../../electron/core/arcgis/client';
import { Clients, useClientSim } from './helpers';

const clients = new Clients();
const sim = useClientSim({ seed: 43, jobs: 240, services: 2, jobDurationMs: Infinity }, clients);
const PAGE = 10;

/** Each service's job count. */
function jobsByService(s: Simulator): Map<string, number> {
  const by = new Map<string, number>();
  for (const j of s.jobs()) by.set(j.service, (by.get(j.service) ?? 0) + 1);
  return by;
}

/**
 * Lists `services` through `client`, noting at each `jobs/query` request the simulator receives how many
 * requests were queued in the client's limiter; the most it saw, and how many pages were asked.
 */
async function listNotingQueue(client: ArcGisClient, services: string[]) {
  let queued = 0;
  let pages = 0;
  let jobReads = 0;
  const unlisten = sim().onRequest((req) => {
    if (!req.url.includes('/jobs/query')) {
      if (req.url.includes('/jobs/')) jobReads++;
      return;
    }
    pages++;
    queued = Math.max(queued, client.limiter.pending);
  });
  try {
    const r = await client.listJobs({}, services, { pageSize: PAGE });
    return { r, queued, pages, jobReads };
  } finally {
    unlisten();
  }
}

describe('listing through the page gate (ArcGisClient)', () => {
  afterEach(() => sim().setQueryShape('keyed'));

  it.each(QUERY_SHAPES.map((shape) => [shape]))(
    'queues none of a service’s pages in the client’s limiter, and lists every job (jobs/query as %s)',
    async (shape: QueryShape) => {
      sim().setQueryShape(shape);
      const [service, count] = [...jobsByService(sim()).entries()].sort((a, b) => b[1] - a[1])[0]!;
      expect(count).toBeGreaterThan(8 * PAGE);
      const client = clients.make(sim(), { concurrency: 2 });
      await client.testConnection(); // the token first: the listing's own requests are all pages
      const before = sim().stats.total;
      const { r, queued, pages, jobReads } = await listNotingQueue(client, [service]);
      expect(r.ok && r.value.jobs.length).toBe(count);
      expect(pages).toBeGreaterThanOrEqual(Math.ceil(count / PAGE));
      // Without the gate the pages after the first wait in the limiter as requests (about count / PAGE - 2).
      expect(queued).toBe(0);
      // Pages whose entries lack a job's fields are completed by reading those jobs one by one (job-fill.ts).
      const filled = shape === 'keyed-partial' || shape === 'keyed-empty';
      if (filled) expect(jobReads).toBeGreaterThan(0);
      else expect(jobReads).toBe(0);
      expect(sim().stats.total - before).toBe(pages + jobReads);
    },
  );

  it('two services listed at once share the gate: still nothing queued in the limiter', async () => {
    const by = jobsByService(sim());
    const services = [...by.keys()];
    expect(services.length).toBe(2);
    const client = clients.make(sim(), { concurrency: 2 });
    await client.testConnection();
    const { r, queued } = await listNotingQueue(client, services);
    expect(r.ok && r.value.jobs.length).toBe(by.get(services[0]!)! + by.get(services[1]!)!);
    // A gate per walk would admit two pages of each service: two requests waiting in the limiter.
    expect(queued).toBe(0);
  });
});

describe('the next page is asked before a page is read (job-walk.ts)', () => {
  it('a page waiting at the gate has its request in flight when the page before it is handed on', async () => {
    const [service, count] = [...jobsByService(sim()).entries()].sort((a, b) => b[1] - a[1])[0]!;
    const pages = Math.ceil(count / PAGE);
    expect(pages).toBeGreaterThan(6);
    const client = clients.make(sim(), { concurrency: 2 });
    await client.testConnection();
    // Requests in flight each time a page's jobs are handed on (read into columns, then onJobs).
    const inFlight: number[] = [];
    const r = await client.listJobs({}, [service], {
      pageSize: PAGE,
      onJobs: () => void inFlight.push(client.limiter.active),
    });
    expect(r.ok).toBe(true);
    expect(inFlight.length).toBe(pages);
    // Page 1 is alone (the others are asked once its total is known), and the last two have no page
    // waiting behind them. Every other page admits a waiting one when it is answered: that page's request
    // is out, beside the one other page in flight, before this page's jobs are read (read first, only 1).
    const full = inFlight.filter((n) => n === 2).length;
    expect(full).toBeGreaterThanOrEqual(pages - 3);
  });
});
