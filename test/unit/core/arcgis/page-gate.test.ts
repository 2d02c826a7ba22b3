import { describe, expect, it } from 'vitest';
import type { AdminCaller } from '../../../../electron/core/arcgis/caller';
import { walkPages } from '../../../../electron/core/arcgis/job-walk';
import type { Json, QueryPageList } from '../../../../electron/core/arcgis/normalize';
import { PageGate } from '../../../../electron/core/arcgis/page-gate';
import type { Result } from '../../../../electron/core/types';

describe('PageGate', () => {
  it('admits up to its limit at once, then one waiter per place given back, in order', async () => {
    const gate = new PageGate(2);
    expect(gate.enter()).toBe(true);
    expect(gate.enter()).toBe(true);
    const admitted: number[] = [];
    const waiters = [0, 1, 2].map((i) =>
      (gate.enter() as Promise<boolean>).then((ok) => ok && admitted.push(i)),
    );
    await Promise.resolve();
    expect(admitted).toEqual([]);
    gate.leave();
    await waiters[0];
    expect(admitted).toEqual([0]);
    gate.leave();
    gate.leave();
    await Promise.all(waiters);
    expect(admitted).toEqual([0, 1, 2]);
  });

  it('a waiter whose signal aborts gets false and takes no place; an aborted signal is never admitted', async () => {
    const gate = new PageGate(1);
    const aborted = new AbortController();
    aborted.abort();
    expect(await gate.enter(aborted.signal)).toBe(false);
    expect(gate.enter()).toBe(true);
    const cancel = new AbortController();
    const cancelled = gate.enter(cancel.signal);
    const next = gate.enter();
    cancel.abort();
    expect(await cancelled).toBe(false);
    gate.leave();
    expect(await next).toBe(true);
    gate.leave();
    expect(gate.enter()).toBe(true);
  });
});

/** A caller answering `jobs/query` pages of `total` jobs (arrays of ids) when `release` is called. */
function pagedCaller(total: number, concurrency: number) {
  const waiting: Array<() => void> = [];
  let inFlight = 0;
  let peak = 0;
  let calls = 0;
  const caller: AdminCaller = {
    profileId: 'p1',
    roots: { server: 'https://h/arcgis', admin: 'https://h/arcgis' },
    concurrency,
    call: (_url, params) =>
      new Promise<Result<Json>>((resolve) => {
        peak = Math.max(peak, ++inFlight);
        calls++;
        const start = Number(params.start);
        const number = Number(params.number);
        const jobs: Json[] = [];
        for (let i = start; i < Math.min(start + number, total + 1); i++) jobs.push({ jobId: `j${i}` });
        const nextStart = start + number <= total ? start + number : -1;
        waiting.push(() => {
          inFlight--;
          resolve({ ok: true, value: { total, start, nextStart, jobs } });
        });
      }),
  };
  return { caller, waiting, peak: () => peak, calls: () => calls };
}

/** Answers every request as it comes until the walk ends. */
async function answerAll(waiting: Array<() => void>, done: Promise<unknown>): Promise<void> {
  let over = false;
  void done.then(() => (over = true));
  while (!over) {
    waiting.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('walkPages through the gate', () => {
  it('asks no more pages at once than the client sends, and takes every page', async () => {
    const { caller, waiting, peak, calls } = pagedCaller(95, 3);
    const ids: string[] = [];
    const take = (p: QueryPageList): number => {
      for (const j of p.list.items as Json[]) ids.push(String(j.jobId));
      return p.list.items!.length;
    };
    const walk = walkPages(caller, 'https://h/arcgis/admin/q', 's', {}, { pageSize: 10 }, take);
    await answerAll(waiting, walk);
    const r = await walk;
    expect(r.ok).toBe(true);
    expect(peak()).toBe(3);
    expect(new Set(ids).size).toBe(95);
    expect(ids).toHaveLength(95); // no page handed on twice
    expect(calls()).toBe(10); // none read twice
  });

  it('a walk cancelled while its pages wait for the gate fails as cancelled and asks nothing more', async () => {
    const { caller, waiting } = pagedCaller(95, 2);
    const cancel = new AbortController();
    const walk = walkPages(
      caller,
      'https://h/arcgis/admin/q',
      's',
      {},
      { pageSize: 10, signal: cancel.signal },
      (p) => p.list.items!.length,
    );
    waiting.shift()!(); // page 1: the other nine pages queue, two of them at the caller
    await new Promise((resolve) => setImmediate(resolve));
    expect(waiting.length).toBe(2);
    cancel.abort();
    for (const answer of waiting.splice(0)) answer();
    const r = await walk;
    expect(r.ok ? null : r.error.kind).toBe('aborted');
    await new Promise((resolve) => setImmediate(resolve));
    expect(waiting.length).toBe(0);
  });

  it('a page answered once the walk is cancelled is not handed on (nor counted)', async () => {
    // Three pages: after page 1 both others are at the caller, none waits at the gate (whose waiters a
    // cancel would fail, failing the walk's other pages through its recorded failure).
    const { caller, waiting } = pagedCaller(30, 2);
    const cancel = new AbortController();
    let taken = 0;
    const walk = walkPages(
      caller,
      'https://h/arcgis/admin/q',
      's',
      {},
      { pageSize: 10, signal: cancel.signal },
      (p) => (taken++, p.list.items!.length),
    );
    waiting.shift()!(); // page 1
    await new Promise((resolve) => setImmediate(resolve));
    expect(taken).toBe(1);
    expect(waiting.length).toBe(2);
    // The cancel lands while two pages' answers are on their way to the walk, as when another promise
    // continuation aborts the listing in the microtask before a page is read.
    for (const answer of waiting.splice(0)) answer();
    cancel.abort();
    const r = await walk;
    expect(r.ok ? null : r.error.kind).toBe('aborted');
    expect(taken).toBe(1);
  });
});

/** A caller for several services' pages (`A1` = service a, start 1), each answered by hand, ok or failed. */
function manualCaller(total: number, concurrency: number) {
  const asked: string[] = [];
  const pending = new Map<string, (fail: boolean) => void>();
  const caller: AdminCaller = {
    profileId: 'p1',
    roots: { server: 'https://h/arcgis', admin: 'https://h/arcgis' },
    concurrency,
    call: (url, params) =>
      new Promise<Result<Json>>((resolve) => {
        const start = Number(params.start);
        const number = Number(params.number);
        const key = `${url.slice(url.lastIndexOf('/') + 1).toUpperCase()}${start}`;
        asked.push(key);
        const jobs: Json[] = [];
        for (let i = start; i < Math.min(start + number, total + 1); i++) jobs.push({ jobId: `j${i}` });
        const nextStart = start + number <= total ? start + number : -1;
        pending.set(key, (fail) =>
          resolve(
            fail
              ? { ok: false, error: { kind: 'server', code: 500, message: 'boom' } }
              : { ok: true, value: { total, start, nextStart, jobs } },
          ),
        );
      }),
  };
  /** Answers one asked page, then lets every promise it settles run. */
  const answer = async (key: string, fail = false): Promise<void> => {
    const reply = pending.get(key);
    if (!reply) throw new Error(`${key} was not asked (asked: ${asked.join(' ')})`);
    pending.delete(key);
    reply(fail);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { caller, asked, answer };
}

describe('walkPages after a failed page', () => {
  it('asks none of its waiting pages and gives the gate to another service at once', async () => {
    const { caller, asked, answer } = manualCaller(95, 2);
    const size = { pageSize: 10 };
    const a = walkPages(caller, 'https://h/arcgis/admin/a', 'a', {}, size, (p) => p.list.items!.length);
    await answer('A1'); // A11 and A21 take the gate's two places; A31..A91 wait at it
    const b = walkPages(caller, 'https://h/arcgis/admin/b', 'b', {}, size, (p) => p.list.items!.length);
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toEqual(['A1', 'A11', 'A21']);
    await answer('A11', true);
    // A's waiting pages are doomed: none of them is asked, and B's first page takes the free place.
    expect(asked).toEqual(['A1', 'A11', 'A21', 'B1']);
    await answer('A21');
    const failed = await a;
    expect(failed.ok ? null : failed.error.code).toBe(500);
    for (let start = 1; start <= 91; start += 10) await answer(`B${start}`);
    expect((await b).ok).toBe(true);
    expect(asked.filter((k) => k.startsWith('A'))).toEqual(['A1', 'A11', 'A21']);
  });
});

describe('walkPages gives the gate place back', () => {
  it('after a page whose call throws: the next walk on the client is not kept waiting', async () => {
    const { caller, waiting } = pagedCaller(95, 2);
    const answered = caller.call;
    caller.call = (url, params, ctx, opts) =>
      url.endsWith('/broken') && Number(params.start) > 1
        ? Promise.reject(new Error('bug'))
        : answered(url, params, ctx, opts);
    const count = (p: QueryPageList): number => p.list.items!.length;
    const broken = walkPages(caller, 'https://h/arcgis/admin/broken', 'b', {}, { pageSize: 10 }, count);
    waiting.shift()!(); // page 1; the other nine throw
    await expect(broken).rejects.toThrow('bug');
    await new Promise((resolve) => setImmediate(resolve));
    // Both places are free again: page 1 at once, then two pages at once.
    const next = walkPages(caller, 'https://h/arcgis/admin/q', 's', {}, { pageSize: 10 }, count);
    expect(waiting).toHaveLength(1);
    waiting.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(waiting).toHaveLength(2);
    await answerAll(waiting, next);
    expect((await next).ok).toBe(true);
  });
});
