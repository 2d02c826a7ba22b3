import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { Flight } from '../../../../electron/core/arcgis/in-flight';
import { land, signalAborted, takeOff } from '../../../../electron/core/arcgis/in-flight';

/** Resolves with the reason the flight's attached abort is called with. */
const aborted = (f: Flight): Promise<unknown> => new Promise((resolve) => f.attach(resolve));

describe('in-flight requests', () => {
  it('a flight past its deadline is aborted and marked timed out', async () => {
    const f = takeOff(20, undefined);
    const reason = await aborted(f);
    expect(reason).toBeInstanceOf(Error);
    expect(f).toMatchObject({ cancelled: true, timedOut: true });
    land(f, 20, undefined);
  });

  it('a landed flight is never aborted by its deadline', async () => {
    const early = takeOff(15, undefined);
    let earlyAborted = false;
    early.attach(() => (earlyAborted = true));
    land(early, 15, undefined);
    const later = takeOff(15, undefined);
    await aborted(later); // the same sweep would have reached the first one
    land(later, 15, undefined);
    expect(earlyAborted).toBe(false);
    expect(early.cancelled).toBe(false);
  });

  it("the caller's abort cancels every flight under its signal with its reason, not as a timeout", async () => {
    const ac = new AbortController();
    const flights = [takeOff(60_000, ac.signal), takeOff(60_000, ac.signal)];
    const reasons = Promise.all(flights.map(aborted));
    ac.abort(new Error('stop'));
    expect((await reasons).map((r) => (r as Error).message)).toEqual(['stop', 'stop']);
    expect(flights.every((f) => f.cancelled && !f.timedOut)).toBe(true);
    flights.forEach((f) => land(f, 60_000, ac.signal));
  });

  it('a signal already aborted cancels the flight at once; an abort attached later is called at once', () => {
    const f = takeOff(60_000, AbortSignal.abort(new Error('gone')));
    let reason: unknown = null;
    f.attach((r) => (reason = r));
    expect((reason as Error).message).toBe('gone');
  });

  it('one listener serves every flight of a signal; landed flights are forgotten', () => {
    const ac = new AbortController();
    const flights = Array.from({ length: 20 }, () => takeOff(60_000, ac.signal));
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(1);
    let calls = 0;
    flights.forEach((f) => f.attach(() => calls++));
    flights.forEach((f) => land(f, 60_000, ac.signal));
    ac.abort();
    expect(calls).toBe(0);
  });
  it('flights landed in any order leave the rest watched: an abort cancels exactly those still in flight', () => {
    const ac = new AbortController();
    const flights = Array.from({ length: 10 }, () => takeOff(60_000, ac.signal));
    const cancelled: number[] = [];
    flights.forEach((f, i) => f.attach(() => cancelled.push(i)));
    for (const i of [0, 9, 4, 5, 1]) land(flights[i]!, 60_000, ac.signal);
    land(flights[4]!, 60_000, ac.signal); // landing twice changes nothing
    ac.abort();
    expect(cancelled.sort((a, b) => a - b)).toEqual([2, 3, 6, 7, 8]);
    flights.forEach((f) => land(f, 60_000, ac.signal));
  });

  it('every flight landed, in any order, leaves both lists and the sweep timer stops', () => {
    vi.useFakeTimers();
    try {
      const ac = new AbortController();
      const flights = Array.from({ length: 10 }, () => takeOff(60_000, ac.signal));
      expect(vi.getTimerCount()).toBe(1);
      // Each removal moves the list's last flight into the gap; the moved flight must learn its new place.
      for (const i of [0, 9, 4, 5, 1, 2, 3, 6, 7, 8]) land(flights[i]!, 60_000, ac.signal);
      expect(flights.map((f) => [f.sweepAt, f.watchAt])).toEqual(flights.map(() => [-1, -1]));
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('one sweep ends every flight past its deadline even when each abort lands its own flight at once', () => {
    vi.useFakeTimers();
    try {
      const flights = Array.from({ length: 6 }, () => takeOff(100, undefined));
      flights.forEach((f) => f.attach(() => land(f, 100, undefined)));
      vi.advanceTimersByTime(100); // the first sweep at or past the deadline (the clock is faked too)
      expect(flights.map((f) => f.timedOut)).toEqual(flights.map(() => true));
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a sweep goes on past a flight that another one’s abort landed, and ends the rest', async () => {
    const [a, b, c] = [takeOff(25, undefined), takeOff(25, undefined), takeOff(25, undefined)];
    let bAborted = false;
    a.attach(() => land(b, 25, undefined)); // the transport ends b while a is aborted
    b.attach(() => (bAborted = true));
    await aborted(c);
    expect(a.timedOut && c.timedOut).toBe(true);
    expect(bAborted).toBe(false);
    expect(b.timedOut).toBe(false);
    land(a, 25, undefined);
    land(c, 25, undefined);
  });

  it('signalAborted follows its signal: already aborted, aborted after the first read, or no signal', () => {
    expect(signalAborted(undefined)).toBe(false);
    const early = new AbortController();
    early.abort();
    expect(signalAborted(early.signal)).toBe(true);
    const late = new AbortController();
    expect(signalAborted(late.signal)).toBe(false);
    late.abort();
    expect(signalAborted(late.signal)).toBe(true);
    // The watch is the signal's one listener, shared with the flights made under it.
    const shared = new AbortController();
    signalAborted(shared.signal);
    const f = takeOff(10_000, shared.signal);
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(1);
    shared.abort();
    expect(f.cancelled).toBe(true);
    land(f, 10_000, shared.signal);
  });
});
