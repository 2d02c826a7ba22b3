import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../../electron/core/arcgis/limiter';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createLimiter', () => {
  it('never runs more than the limit at once and runs the rest in order', async () => {
    const limiter = createLimiter(3);
    const gates = Array.from({ length: 8 }, deferred);
    const started: number[] = [];
    let active = 0;
    let peak = 0;
    const runs = gates.map((g, i) =>
      limiter.run(async () => {
        started.push(i);
        peak = Math.max(peak, ++active);
        await g.promise;
        active--;
        return i;
      }),
    );
    expect(limiter.active).toBe(3);
    expect(limiter.pending).toBe(5);
    for (const g of gates) g.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(limiter.active).toBe(0);
  });

  it('tryAcquire takes only a free slot, shares the limit with run, and release hands it to a waiter', async () => {
    const limiter = createLimiter(2);
    const aborted = new AbortController();
    aborted.abort();
    expect(limiter.tryAcquire(aborted.signal)).toBe(false);
    expect(limiter.tryAcquire()).toBe(true);
    const gate = deferred();
    const running = limiter.run(() => gate.promise);
    expect(limiter.active).toBe(2);
    expect(limiter.tryAcquire()).toBe(false);
    let waiterRan = false;
    const waiting = limiter.run(async () => void (waiterRan = true));
    expect(limiter.pending).toBe(1);
    limiter.release();
    await waiting;
    expect(waiterRan).toBe(true);
    gate.resolve();
    await running;
    expect(limiter.active).toBe(0);
  });

  it('frees the slot when a task throws', async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run(async () => 'next')).toBe('next');
  });

  it('drops a waiting task whose signal aborts', async () => {
    const limiter = createLimiter(1);
    const gate = deferred();
    const holder = limiter.run(() => gate.promise);
    const ac = new AbortController();
    let ran = false;
    const waiter = limiter.run(async () => {
      ran = true;
    }, ac.signal);
    ac.abort(new Error('stop'));
    await expect(waiter).rejects.toThrow('stop');
    expect(limiter.pending).toBe(0);
    gate.resolve();
    await holder;
    expect(ran).toBe(false);
  });

  it('runs tasks queued first ahead of earlier-queued ones, in order among themselves, within the limit', async () => {
    const limiter = createLimiter(2);
    const gates = new Map<string, ReturnType<typeof deferred>>();
    const started: string[] = [];
    let active = 0;
    let peak = 0;
    const task = (name: string) => async () => {
      started.push(name);
      peak = Math.max(peak, ++active);
      const gate = deferred();
      gates.set(name, gate);
      await gate.promise;
      active--;
      return name;
    };
    const names = ['a', 'b', 'page1', 'page2', 'first1', 'page3', 'first2'];
    const runs = names.map((n) => limiter.run(task(n), undefined, n.startsWith('first')));
    expect(limiter.active).toBe(2);
    expect(limiter.pending).toBe(5);
    // Finish the tasks one at a time in the order they started; each end lets the next waiter in.
    for (let i = 0; i < names.length; i++) {
      const name = started[i]!;
      gates.get(name)!.resolve();
      await runs[names.indexOf(name)];
      expect(limiter.active).toBe(Math.min(2, names.length - i - 1));
    }
    expect(await Promise.all(runs)).toEqual(names);
    expect(started).toEqual(['a', 'b', 'first1', 'first2', 'page1', 'page2', 'page3']);
    expect(peak).toBe(2);
    expect(limiter.active).toBe(0);
    expect(limiter.pending).toBe(0);
  });

  it('drops a task queued first whose signal aborts, taking and freeing no slot', async () => {
    const limiter = createLimiter(1);
    const gate = deferred();
    const holder = limiter.run(() => gate.promise);
    const page = limiter.run(async () => 'page');
    const ac = new AbortController();
    let ran = false;
    const waiter = limiter.run(
      async () => {
        ran = true;
      },
      ac.signal,
      true,
    );
    expect(limiter.pending).toBe(2);
    ac.abort(new Error('stop'));
    await expect(waiter).rejects.toThrow('stop');
    expect(limiter.pending).toBe(1);
    expect(limiter.active).toBe(1);
    gate.resolve();
    await holder;
    expect(await page).toBe('page');
    expect(ran).toBe(false);
    expect(limiter.active).toBe(0);
    expect(limiter.pending).toBe(0);
  });

  it('treats a limit below one as one', () => {
    expect(createLimiter(0).limit).toBe(1);
  });
});
