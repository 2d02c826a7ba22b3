/**
 * One `Retry-After` pause per server, shared by its client's reads and a bulk run's lane (the client's
 * `hold`, handed on by `jobOperationsFrom`), against a real simulator over HTTPS whose front end answers
 * 429 with `Retry-After` (the `http429` fault and its `retryAfter` option). Every wait goes through an
 * injected sleep that records it (the read's or the run's) and, where the test needs the pause to last,
 * ends it only when the test says: nothing here waits in real time.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../arcgis-sim';
import { startSimulator } from '../../arcgis-sim';
import type { ArcGisClient } from '../../../electron/core/arcgis/client';
import type { ReadSleep } from '../../../electron/core/arcgis/read-retry';
import { DEFAULT_READ_RETRY } from '../../../electron/core/arcgis/read-retry';
import { jobOperationsFrom } from '../../../electron/core/bulk/client-operations';
import { CHECK_ATTEMPTS } from '../../../electron/core/bulk/job-task';
import type { BulkRunOptions } from '../../../electron/core/bulk/runner';
import { startBulkRun } from '../../../electron/core/bulk/runner';
import type { BulkJob, BulkProgressEvent, Sleep } from '../../../electron/core/bulk/types';
import { Clients } from '../client/helpers';
import { FAST_BREAKER, FAST_RETRY, tally } from './helpers';

const clients = new Clients();
let sim: Simulator;
beforeEach(async () => {
  sim = await startSimulator({ seed: 61, jobs: 24, services: 1, jobDurationMs: Infinity });
});
afterEach(async () => {
  await clients.closeAll();
  await sim.close();
});
afterAll(() => clients.closeAll());

/** A wait as recorded: how long, and how many requests the simulator had received when it began. */
interface Nap {
  ms: number;
  sent: number;
}

/** A sleep that records each wait and ends it only when the test releases it (or the waiter aborts). */
class HeldSleep {
  readonly naps: Nap[] = [];
  private readonly open: Array<() => void> = [];
  private watchers: Array<() => void> = [];
  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve) => {
      this.naps.push({ ms, sent: sim.requests.length });
      this.open.push(resolve);
      signal?.addEventListener('abort', () => resolve(), { once: true });
      this.watchers.splice(0).forEach((w) => w());
    });

  /** Resolves once a wait has begun. */
  started(): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => void (this.naps.length > 0 ? resolve() : this.watchers.push(check));
      check();
    });
  }

  releaseAll(): void {
    this.open.splice(0).forEach((r) => r());
  }
}

/** A sleep that ends at once and records the wait. */
function quickSleep(): { naps: Nap[]; sleep: ReadSleep & Sleep } {
  const naps: Nap[] = [];
  return { naps, sleep: async (ms: number) => void naps.push({ ms, sent: sim.requests.length }) };
}

const isQuery = (r: { path: string }): boolean => r.path.endsWith('/jobs/query');
const isDelete = (r: { path: string }): boolean => r.path.endsWith('/delete');
/** A job's own record (`…/jobs/<id>`), the engine's check. */
const isJobRecord = (r: { path: string }): boolean => /\/jobs\/(?!query$|statistics$)[^/]+$/.test(r.path);
/** The requests the simulator received, by path. */
const received = (): Array<{ path: string }> => sim.requests.map((r) => ({ path: r.url.split('?')[0]! }));

function jobsOf(client: ArcGisClient): BulkJob[] {
  return sim.jobs().map((j) => ({
    profileId: client.profile.id,
    service: j.service,
    jobId: j.jobId,
    status: j.status,
  }));
}

function deleteAll(client: ArcGisClient, jobs: BulkJob[], extra: Partial<BulkRunOptions>) {
  return startBulkRun({
    jobs,
    action: 'delete',
    profiles: [client.profile],
    operations: new Map([[client.profile.id, jobOperationsFrom(client)]]),
    retry: FAST_RETRY,
    breaker: FAST_BREAKER,
    ...extra,
  });
}

describe('one Retry-After pause per server, for its reads and its bulk lane', () => {
  it("a 429 with Retry-After on a listing's page pauses a bulk run's deletes on that server", async () => {
    const readSleep = new HeldSleep();
    const client = clients.make(
      sim,
      { concurrency: 2 },
      { readRetry: { ...DEFAULT_READ_RETRY, sleep: readSleep.sleep } },
    );
    const jobs = jobsOf(client);
    sim.addFault({ kind: 'http429', retryAfter: '2', count: 1, match: isQuery });
    const listing = client.listJobs({});
    await readSleep.started(); // the page was answered 429 and its read waits out the pause
    expect(readSleep.naps[0]!.ms).toBeGreaterThan(1000);
    const run = quickSleep();
    const summary = await deleteAll(client, jobs, { sleep: run.sleep }).done;
    // The lane waited out the pause the listing heard before it sent any delete.
    expect(run.naps[0]?.ms).toBeGreaterThan(1000);
    expect(run.naps[0]?.ms).toBeLessThanOrEqual(2000);
    expect(run.naps[0]!.sent).toBeLessThanOrEqual(received().findIndex(isDelete));
    expect(tally(summary.results)).toEqual({ deleted: jobs.length });
    readSleep.releaseAll();
    expect((await listing).ok).toBe(true);
  });

  it("a 429 with Retry-After on a delete pauses the reads of that server's client", async () => {
    const reads = quickSleep();
    const client = clients.make(sim, { concurrency: 2 }, { readRetry: { ...DEFAULT_READ_RETRY, ...reads } });
    const jobs = jobsOf(client);
    expect((await client.testConnection()).ok).toBe(true);
    sim.addFault({ kind: 'http429', retryAfter: '2', count: 1, match: isDelete });
    const runSleep = new HeldSleep();
    let told: (e: BulkProgressEvent) => void = () => undefined;
    const waitShown = new Promise<BulkProgressEvent>((resolve) => (told = resolve));
    const onProgress = (e: BulkProgressEvent): void => {
      if (e.servers[0]?.retryAfterUntil !== undefined) told(e);
    };
    const askedAt = Date.now();
    const run = deleteAll(client, jobs, { sleep: runSleep.sleep, onProgress });
    await runSleep.started(); // a delete was answered 429 and the lane waits out the pause
    // The run's progress says which server asked to wait, and until when, while the lane waits.
    const shown = await waitShown;
    expect(shown.servers[0]!.name).toBe(client.profile.name);
    expect(shown.servers[0]!.retryAfterUntil).toBeGreaterThan(askedAt + 1000);
    expect(shown.servers[0]!.retryAfterUntil).toBeLessThanOrEqual(Date.now() + 2000);
    expect(runSleep.naps[0]!.ms).toBeGreaterThan(1000);
    const sent = sim.requests.length;
    const listing = await client.queryJobs(sim.services()[0]!.id, {});
    // The listing's first request waited out the same pause: nothing was sent before its wait.
    expect(reads.naps[0]?.ms).toBeGreaterThan(500);
    expect(reads.naps[0]?.ms).toBeLessThanOrEqual(2000);
    expect(reads.naps[0]?.sent).toBe(sent);
    expect(listing.ok).toBe(true);
    runSleep.releaseAll();
    expect(tally((await run.done).results)).toEqual({ deleted: jobs.length });
  });

  it('a read asked to wait longer than a minute makes the bulk run send nothing to that server', async () => {
    const client = clients.make(sim, { concurrency: 2 });
    const jobs = jobsOf(client);
    sim.addFault({ kind: 'http429', retryAfter: '600', count: 1, match: isQuery });
    const listing = await client.listJobs({});
    expect(listing.ok).toBe(false);
    const run = quickSleep();
    const summary = await deleteAll(client, jobs, { sleep: run.sleep }).done;
    expect(received().filter(isDelete)).toHaveLength(0);
    expect(tally(summary.results)).toEqual({ failed: jobs.length });
    const host = new URL(sim.url).host;
    expect(
      summary.results.every(
        (r) => r.message!.includes(host) && /left alone until .*not sent/.test(r.message!),
      ),
    ).toBe(true);
  });

  it("a check after an unknown outcome is sent as often as the engine says, not times the client's read retries", async () => {
    const reads = quickSleep();
    const client = clients.make(sim, { concurrency: 1 }, { readRetry: { ...DEFAULT_READ_RETRY, ...reads } });
    const [job] = jobsOf(client);
    sim.addFault({ kind: 'http500', count: 1, match: isDelete }); // the outcome is unknown: the job is checked
    sim.addFault({ kind: 'http503', match: isJobRecord }); // every check fails as a gateway's
    const run = quickSleep();
    const summary = await deleteAll(client, [job!], { sleep: run.sleep }).done;
    expect(tally(summary.results)).toEqual({ deleted: 1 });
    expect(received().filter(isJobRecord)).toHaveLength(CHECK_ATTEMPTS);
    expect(reads.naps).toEqual([]); // the client did not retry the checks on its own
  });

  it('a check answered 429 with Retry-After is waited once, by the engine, and the client sends it once', async () => {
    const reads = quickSleep();
    const client = clients.make(sim, { concurrency: 1 }, { readRetry: { ...DEFAULT_READ_RETRY, ...reads } });
    const [job] = jobsOf(client);
    sim.addFault({ kind: 'http500', count: 1, match: isDelete });
    sim.addFault({ kind: 'http429', retryAfter: '3', count: 1, match: isJobRecord });
    const run = quickSleep();
    const summary = await deleteAll(client, [job!], { sleep: run.sleep }).done;
    expect(tally(summary.results)).toEqual({ deleted: 1 });
    expect(reads.naps).toEqual([]);
    expect(run.naps.filter((n) => n.ms > 2000)).toHaveLength(1);
    expect(received().filter(isJobRecord)).toHaveLength(2); // the 429, then the check after the wait
  });
});
