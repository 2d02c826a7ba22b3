/**
 * The bulk engine and `Retry-After`: a server's lane pauses as a whole for the wait one answer asked for
 * (up to a minute), a longer wait fails the job without more requests and soon holds the lane, and the run's
 * abort ends the pause. The sleep is the run's injected one: the tests decide when each wait ends.
 */
import { describe, expect, it } from 'vitest';
import { ServerHold } from '../../../../electron/core/arcgis/retry-after';
import { jobOperationsFrom } from '../../../../electron/core/bulk/client-operations';
import {
  isConnectionFailure,
  isFatalConnectionFailure,
  isTransient,
} from '../../../../electron/core/bulk/retry-policy';
import type { BulkProgressEvent, Sleep } from '../../../../electron/core/bulk/types';
import type { AppError } from '../../../../electron/core/types';
import { FakeServer, fail, ids } from './fake-ops';
import { byJob, runOver } from './harness';

const limited = (retryAfterMs?: number): AppError => ({
  kind: 'server',
  code: 429,
  transient: true,
  message: 'a.example reported an error (code 429): Too Many Requests.',
  ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
});

/** The run's sleep: records each wait and ends it when the test says, or when the run stops. */
function heldSleep(): { naps: number[]; sleep: Sleep; release(): void; until(n: number): Promise<void> } {
  const naps: number[] = [];
  const open: Array<() => void> = [];
  let watchers: Array<() => void> = [];
  return {
    naps,
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        naps.push(ms);
        open.push(resolve);
        signal.addEventListener('abort', () => resolve(), { once: true });
        const ready = watchers;
        watchers = [];
        ready.forEach((w) => w());
      }),
    release: () => open.splice(0).forEach((r) => r()),
    until: (n) =>
      new Promise((resolve) => {
        const check = (): void => void (naps.length >= n ? resolve() : watchers.push(check));
        check();
      }),
  };
}

describe('retry policy', () => {
  it('takes a 429 as a front end turning the request away: transient, a connection failure', () => {
    expect(isTransient(limited())).toBe(true);
    expect(isConnectionFailure(limited())).toBe(true);
    expect(isFatalConnectionFailure(limited(60_000))).toBe(false);
    expect(isFatalConnectionFailure(limited(60_001))).toBe(true);
  });
});

describe('a server that answers Retry-After', () => {
  it('pauses its whole lane for the wait asked for, then carries on', async () => {
    const server = new FakeServer(ids('j', 20), (op, jobId, call) =>
      op === 'delete' && jobId === 'j-0' && call === 1 ? fail(limited(5000)) : 'default',
    );
    const held = heldSleep();
    const { run } = runOver([{ id: 'A', server, concurrency: 4 }], 'delete', { sleep: held.sleep });
    // The limited job waits, and so does each of the three other workers before its next request.
    await held.until(4);
    expect(server.calls).toHaveLength(4);
    for (const ms of held.naps) {
      expect(ms).toBeGreaterThan(4900);
      expect(ms).toBeLessThanOrEqual(5000);
    }
    held.release();
    const summary = await run.done;
    expect(summary.counts.deleted).toBe(20);
    expect(byJob(summary.results).get('A/j-0')!.attempts).toBe(2);
    expect(server.calls).toHaveLength(21);
  });

  it('fails a job at once when asked to wait longer than a minute, and then holds the lane', async () => {
    const server = new FakeServer(ids('j', 30), (op) =>
      op === 'delete' ? fail(limited(3_600_000)) : 'default',
    );
    const held = heldSleep();
    const breaker = { threshold: 5, cooldownMs: 1000, maxProbes: 2 };
    const { run } = runOver([{ id: 'A', server, concurrency: 2 }], 'delete', { sleep: held.sleep, breaker });
    const summary = await run.done;
    expect(summary.counts.failed).toBe(30);
    // One request per job tried, no check, no wait; five in a row and the rest are not sent.
    expect(server.calls.every((c) => c.op === 'delete')).toBe(true);
    expect(server.calls.length).toBeLessThanOrEqual(5 + 1);
    expect(held.naps).toEqual([]);
    const results = summary.results;
    expect(results[0]!.message).toMatch(/a\.example .*code 429.*retried in 3,600 s \(Retry-After\).*60 s/);
    expect(results[0]).toMatchObject({ kind: 'server', code: 429, attempts: 1 });
    expect(results.at(-1)!.message).toMatch(/^Not attempted: Server A could not be reached \(.*3,600 s/);
    expect(server.jobs.size).toBe(30);
  });

  it('ends the pause when the run is aborted, and starts nothing more', async () => {
    const server = new FakeServer(ids('j', 10), (op, jobId) =>
      op === 'delete' && jobId === 'j-0' ? fail(limited(30_000)) : 'default',
    );
    const held = heldSleep();
    const { run } = runOver([{ id: 'A', server, concurrency: 2 }], 'delete', { sleep: held.sleep });
    await held.until(2);
    const sent = server.calls.length;
    run.abort();
    const results = byJob((await run.done).results);
    expect(server.calls).toHaveLength(sent);
    expect(results.get('A/j-0')).toMatchObject({ outcome: 'failed', code: 429 });
    expect(results.get('A/j-0')!.message).toMatch(/^Run stopped after: .*code 429/);
    expect([...results.values()].filter((r) => r.outcome === 'skipped').length).toBe(10 - sent);
  });
});

/** A progress timer the test runs by hand (`flush`), so it sees exactly which events a change caused. */
function manualSchedule(): { schedule: (fn: () => void) => () => void; flush(): void } {
  let timers: Array<() => void> = [];
  return {
    schedule: (fn) => {
      timers.push(fn);
      return () => void (timers = timers.filter((t) => t !== fn));
    },
    flush: () => timers.splice(0).forEach((fn) => fn()),
  };
}

describe('the wait in progress events', () => {
  it('is no longer shown once the run is aborted during the pause', async () => {
    const server = new FakeServer(ids('j', 10), (op, jobId) =>
      op === 'delete' && jobId === 'j-0' ? fail(limited(30_000)) : 'default',
    );
    const held = heldSleep();
    const events: BulkProgressEvent[] = [];
    const { run } = runOver([{ id: 'A', server, concurrency: 2 }], 'delete', {
      sleep: held.sleep,
      onProgress: (e) => void events.push(e),
    });
    await held.until(2);
    expect(run.snapshot().servers[0]!.retryAfterUntil).toBeGreaterThan(0);
    run.abort();
    await run.done;
    const last = events.at(-1)!;
    expect(last.finished).toBe(true);
    expect(last.servers[0]!.state).toBe('finished');
    expect(last.servers[0]!.retryAfterUntil).toBeUndefined();
  });

  it('goes out when the pause ends, before any job of the lane has finished', async () => {
    const server = new FakeServer(ids('j', 1), (_op, _jobId, call) =>
      call === 1 ? fail(limited(5000)) : 'hang',
    );
    const held = heldSleep();
    const timer = manualSchedule();
    const events: BulkProgressEvent[] = [];
    const { run } = runOver([{ id: 'A', server, concurrency: 1 }], 'delete', {
      sleep: held.sleep,
      schedule: timer.schedule,
      onProgress: (e) => void events.push(e),
    });
    await held.until(1);
    timer.flush();
    expect(events.at(-1)!.servers[0]!.retryAfterUntil).toBeGreaterThan(0);
    held.release(); // the pause is over: the delete goes again (and hangs until the test lets it answer)
    await server.until(() => server.calls.length === 2);
    timer.flush();
    expect(events.at(-1)!.done).toBe(0);
    expect(events.at(-1)!.servers[0]!.retryAfterUntil).toBeUndefined();
    server.release();
    timer.flush();
    expect((await run.done).counts.deleted).toBe(1);
  });
});

describe('a long Retry-After after an unknown outcome', () => {
  const internal: AppError = {
    kind: 'server',
    code: 500,
    message: 'a.example reported an error (code 500).',
  };
  const away: AppError = {
    kind: 'server',
    code: 503,
    transient: true,
    retryAfterMs: 3_600_000,
    message: 'a.example reported an error (code 503): Service Unavailable.',
  };

  it('sends nothing more for the job when its check is asked to wait an hour (no second delete)', async () => {
    const server = new FakeServer(ids('j', 1), (op) =>
      op === 'delete' ? fail(internal) : op === 'get' ? fail(away) : 'default',
    );
    const { run } = runOver([{ id: 'A', server, concurrency: 1 }], 'delete', { sleep: async () => {} });
    const [result] = (await run.done).results;
    expect(server.calls.map((c) => c.op)).toEqual(['delete', 'get']);
    expect(result).toMatchObject({ outcome: 'failed', code: 500, attempts: 2 });
    expect(result!.message).toMatch(/code 500.*Could not check the job afterwards: .*code 503.*3,600 s/);
    expect(result!.message).toMatch(/may have reached the server/);
    expect(result!.message).not.toMatch(/\.\./);
  });

  it('holds the lane after five such jobs in a row: the breaker hears of the long wait', async () => {
    const server = new FakeServer(ids('j', 20), (op) =>
      op === 'delete' ? fail(internal) : op === 'get' ? fail(away) : 'default',
    );
    const breaker = { threshold: 5, cooldownMs: 1000, maxProbes: 2 };
    const { run } = runOver([{ id: 'A', server, concurrency: 1 }], 'delete', {
      sleep: async () => {},
      breaker,
    });
    const summary = await run.done;
    expect(summary.counts.failed).toBe(20);
    expect(server.calls.filter((c) => c.op === 'delete')).toHaveLength(5);
    expect(summary.results.at(-1)!.message).toMatch(
      /^Not attempted: Server A could not be reached \(.*3,600 s/,
    );
  });

  it('does not report a plain failure when a 503 with a long wait may have come after the site acted', async () => {
    const server: FakeServer = new FakeServer(ids('j', 1), (op, jobId) => {
      if (op !== 'delete') return 'default';
      server.jobs.delete(jobId);
      return fail(away);
    });
    const { run } = runOver([{ id: 'A', server, concurrency: 1 }], 'delete', { sleep: async () => {} });
    const [result] = (await run.done).results;
    expect(server.calls.map((c) => c.op)).toEqual(['delete']);
    expect(result).toMatchObject({ outcome: 'failed', code: 503, attempts: 1 });
    expect(result!.message).toMatch(/3,600 s.*may have reached the server.*refresh/);
  });

  it('says nothing of the kind for a 429 (a rate limit turns the request away before the site)', async () => {
    const server = new FakeServer(ids('j', 1), (op) =>
      op === 'delete' ? fail(limited(3_600_000)) : 'default',
    );
    const { run } = runOver([{ id: 'A', server, concurrency: 1 }], 'delete', { sleep: async () => {} });
    const [result] = (await run.done).results;
    expect(result!.message).not.toMatch(/may have reached/);
  });

  it('still backs off after Retry-After: 0 (or a date already past)', async () => {
    const server = new FakeServer(ids('j', 1), (op, _jobId, call) =>
      op === 'delete' && call <= 3 ? fail({ ...away, retryAfterMs: 0 }) : 'default',
    );
    const naps: number[] = [];
    // The harness's random is 0.5: half of each backoff's ceiling (0.5 s, 1 s, 2 s).
    const { run } = runOver([{ id: 'A', server, concurrency: 1 }], 'delete', {
      sleep: async (ms) => void naps.push(ms),
    });
    const summary = await run.done;
    expect(summary.counts.deleted).toBe(1);
    expect(naps).toEqual([250, 500, 1000]);
  });
});

describe('a run over a client whose read was asked to wait longer than a minute', () => {
  const T0 = 1_700_000_000_000;
  const away: AppError = {
    kind: 'server',
    code: 503,
    transient: true,
    retryAfterMs: 600_000,
    message: 'a.example reported an error (code 503): Service Unavailable.',
  };

  it('fails its jobs unsent, saying until when, and leaves the end of that wait where it was', async () => {
    let clock = T0;
    const hold = new ServerHold(() => clock);
    hold.refuse(away); // a listing's read heard it at T0
    clock += 500_000;
    const server = new FakeServer(ids('j', 6), () => 'default');
    const ops = jobOperationsFrom({
      hold,
      deleteJob: (service, jobId, o) => server.deleteJob(service, jobId, o.signal!),
      cancelJob: (service, jobId, o) => server.cancelJob(service, jobId, o.signal!),
      getJob: (service, jobId, o) => server.getJob(service, jobId, o.signal!),
    });
    // The client's operations (holding the refusal), not the fake server's own.
    const { run } = runOver([{ id: 'A', server, concurrency: 2 }], 'delete', {
      operations: new Map([['A', ops]]),
      now: () => clock,
    });
    const { results } = await run.done;
    expect(server.calls).toEqual([]);
    expect(results.every((r) => r.outcome === 'failed' && r.attempts === 0)).toBe(true);
    const end = new Date(T0 + 600_000).toTimeString().slice(0, 8);
    expect(results[0]!.message).toMatch(new RegExp(`code 503.*left alone until ${end} .*not sent`));
    expect(results[0]!.message).not.toMatch(/may have reached/);
    clock = T0 + 600_000; // the wait the server asked for is over: requests go out again
    expect(hold.refused()).toBeUndefined();
  });
});
