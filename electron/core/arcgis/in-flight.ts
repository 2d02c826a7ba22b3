/**
 * Cancelling requests in flight without an `AbortController`, a timer and two abort listeners per request:
 * a request is a `Flight`; its deadline is watched by one sweep timer per timeout length, and a caller's
 * `AbortSignal` gets one listener for all the requests made under it (a bulk run makes thousands under
 * one signal). Both end a flight through `cancel`, which calls the abort the transport attached.
 *
 * Both keep their flights in a `FlightList` (an array in which each flight knows its place), not a `Set`:
 * a `Set` that lives as long as the client's sweeper or a bulk run's signal is in the old generation, and
 * V8 allocates the new table of an old `Set` (each growth, and the rehash that reclaims deleted entries,
 * which an add and a delete per request bring round every few dozen requests) in the old generation at
 * once, for the major collections to mark and sweep: 57–242 B per job less into the old generation, and
 * 109–201 B less allocated, with arrays in `engine-cost.ts --instant --stub` (83224a9's six pairs, with and
 * without the audit sink). An array only grows to the most flights ever in flight at once.
 */

/** One request in flight: why and whether it was cancelled, and how to abort it. */
export class Flight {
  /** When the deadline passes (`performance.now()` ms). */
  readonly deadline: number;
  /** Whether `cancel` was called (by the caller's signal or the deadline); `reason` says why. */
  cancelled = false;
  /** Whether the deadline ended it. */
  timedOut = false;
  reason: unknown = undefined;
  /** Its place in its sweeper's list and in its caller's signal's (-1 when in none). */
  sweepAt = -1;
  watchAt = -1;
  private abortFn: ((reason: unknown) => void) | null = null;
  private finished = false;

  constructor(timeoutMs: number) {
    this.deadline = performance.now() + timeoutMs;
  }

  /** Sets how the transport aborts this request now; called again when that changes (e.g. once connected). */
  attach(abort: (reason: unknown) => void): void {
    if (this.cancelled) abort(this.reason);
    else this.abortFn = abort;
  }

  /** Aborts the request (once; never after `finish`). */
  cancel(reason: unknown): void {
    if (this.cancelled || this.finished) return;
    this.cancelled = true;
    this.reason = reason;
    const abort = this.abortFn;
    this.abortFn = null;
    abort?.(reason);
  }

  /** The request ended: nothing aborts it any more. */
  finish(): void {
    this.finished = true;
    this.abortFn = null;
  }
}

/**
 * Flights in no order, each knowing its place (`placeOf`): added at the end, removed by moving the last
 * one into its place (see the module comment for why not a `Set`). A subclass per field that holds the
 * place, so every access to it is a named property.
 */
abstract class FlightList {
  private readonly items: Flight[] = [];

  protected abstract placeOf(f: Flight): number;
  protected abstract place(f: Flight, at: number): void;

  get size(): number {
    return this.items.length;
  }

  add(f: Flight): void {
    const { items } = this;
    this.place(f, items.length);
    items[items.length] = f;
  }

  /** Removes `f` if it is in the list. */
  remove(f: Flight): void {
    const { items } = this;
    const at = this.placeOf(f);
    if (at < 0 || items[at] !== f) return;
    const last = items.pop()!;
    if (last !== f) {
      items[at] = last;
      this.place(last, at);
    }
    this.place(f, -1);
  }

  /** Every flight now in the list, as a copy (a flight cancelled while they are visited may be removed). */
  snapshot(): Flight[] {
    return this.items.slice();
  }

  /** Empties the list. */
  clear(): void {
    for (const f of this.items) this.place(f, -1);
    this.items.length = 0;
  }
}

/** A sweeper's flights. */
class SweepList extends FlightList {
  protected placeOf(f: Flight): number {
    return f.sweepAt;
  }
  protected place(f: Flight, at: number): void {
    f.sweepAt = at;
  }
}

/** The flights made under one caller's signal. */
class WatchList extends FlightList {
  protected placeOf(f: Flight): number {
    return f.watchAt;
  }
  protected place(f: Flight, at: number): void {
    f.watchAt = at;
  }
}

/** The flights of one timeout length, swept by one interval while any is in flight. */
class Sweeper {
  private readonly live = new SweepList();
  private timer: ReturnType<typeof setInterval> | null = null;
  /** A twentieth of the timeout (5 ms to 1 s): a flight ends at most that late. */
  private readonly period: number;

  constructor(timeoutMs: number) {
    this.period = Math.min(1000, Math.max(5, Math.ceil(timeoutMs / 20)));
  }

  add(f: Flight): void {
    this.live.add(f);
    this.timer ??= setInterval(this.sweep, this.period);
  }

  remove(f: Flight): void {
    this.live.remove(f);
    if (this.live.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private readonly sweep = (): void => {
    const now = performance.now();
    for (const f of this.live.snapshot()) {
      // Skipped when landed meanwhile (by another flight's abort): it did not time out.
      if (f.sweepAt < 0 || now < f.deadline) continue;
      f.timedOut = true;
      f.cancel(new Error('timeout'));
    }
  };
}

/** What this module knows of a caller's signal: whether it has aborted, and the flights made under it. */
class SignalWatch {
  readonly flights = new WatchList();
  constructor(public aborted: boolean) {}
}

const sweepers = new Map<number, Sweeper>();
const watched = new WeakMap<AbortSignal, SignalWatch>();

function sweeperOf(timeoutMs: number): Sweeper {
  let s = sweepers.get(timeoutMs);
  if (!s) sweepers.set(timeoutMs, (s = new Sweeper(timeoutMs)));
  return s;
}

/** `signal`'s watch (see `watch`). */
function watchOf(signal: AbortSignal): SignalWatch {
  return watched.get(signal) ?? watch(signal);
}

/**
 * Starts watching `signal`: its one listener marks the watch aborted and cancels every flight made under
 * it. The only place the signal itself is read: in Node every `AbortSignal` has a hidden class of its own,
 * so reading `signal.aborted` per request deoptimised the request path for each new signal (each bulk
 * run's), and the compiler's threads then spent tens of µs per job of the run compiling it again.
 */
function watch(signal: AbortSignal): SignalWatch {
  const w = new SignalWatch(signal.aborted);
  if (!w.aborted) {
    signal.addEventListener(
      'abort',
      () => {
        w.aborted = true;
        const flights = w.flights.snapshot();
        w.flights.clear();
        for (const f of flights) f.cancel(signal.reason);
      },
      { once: true },
    );
  }
  watched.set(signal, w);
  return w;
}

/** Whether `signal` has aborted, read from its watch (see `watch`) rather than from the signal. */
export function signalAborted(signal: AbortSignal | undefined): boolean {
  return signal !== undefined && watchOf(signal).aborted;
}

/** Starts watching signal now, so a run's first request does not. */
export function watchSignal(s: AbortSignal): void {
  watchOf(s);
}

/**
 * Starts a flight that ends after `timeoutMs` or when `signal` aborts (at once if it already has);
 * `land` must be called when the request ends, whatever its outcome.
 */
export function takeOff(timeoutMs: number, signal: AbortSignal | undefined): Flight {
  const f = new Flight(timeoutMs);
  const w = signal === undefined ? undefined : watchOf(signal);
  if (w?.aborted) {
    f.cancel(signal!.reason);
    return f;
  }
  sweeperOf(timeoutMs).add(f);
  w?.flights.add(f);
  return f;
}

/** Ends a flight started by `takeOff`: its deadline and its caller's signal no longer watch it. */
export function land(f: Flight, timeoutMs: number, signal: AbortSignal | undefined): void {
  f.finish();
  sweepers.get(timeoutMs)?.remove(f);
  if (signal) watched.get(signal)?.flights.remove(f);
}
