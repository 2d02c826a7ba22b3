/**
 * A value computed from a big input after the browser has painted, so the first rows of a fresh job list
 * never wait for summaries of it (the overview totals and the filter menus each read every job). Until it
 * is ready the last value stands; small inputs are computed at once, as waiting buys nothing there.
 */

/** Runs `task` after the next frame has painted (or soon, where there are no frames). */
export function afterPaint(task: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(task, 0));
  else setTimeout(task, 0);
}

/** How a late value is computed and announced. */
export interface LateValueOptions<I, T> {
  compute: (input: I) => T;
  /** The value before the first input is computed. */
  initial: T;
  /** Inputs smaller than `eagerBelow` (by `size`) are computed at once. */
  size: (input: I) => number;
  eagerBelow: number;
  /** Called when a deferred value is ready (a rune class bumps a version so its deriveds read it). */
  onReady: () => void;
  schedule?: (task: () => void) => void;
}

/** See the module comment. */
export class LateValue<I, T> {
  #input: I | undefined = undefined;
  #value: T;
  #pending: I | undefined = undefined;
  readonly #o: LateValueOptions<I, T>;

  constructor(options: LateValueOptions<I, T>) {
    this.#o = options;
    this.#value = options.initial;
  }

  /** The value for `input` when computed, else the last one (and `input` is computed after the paint). */
  get(input: I): T {
    if (this.#input === input) return this.#value;
    if (this.#o.size(input) < this.#o.eagerBelow) {
      this.#pending = undefined;
      return this.#set(input);
    }
    if (this.#pending !== input) {
      this.#pending = input;
      (this.#o.schedule ?? afterPaint)(() => {
        // A newer input replaced this one meanwhile: only the newest is computed.
        if (this.#pending !== input) return;
        this.#pending = undefined;
        this.#set(input);
        this.#o.onReady();
      });
    }
    return this.#value;
  }

  #set(input: I): T {
    this.#input = input;
    this.#value = this.#o.compute(input);
    return this.#value;
  }
}

/** How a growing late value is computed, grown and announced (see GrowingLateValue). */
export interface GrowingOptions<E, T> extends Omit<LateValueOptions<readonly E[], T>, 'size'> {
  /** The value for `list` from the value for its first `from` items, or null to compute it afresh. */
  grow: (value: T, list: readonly E[], from: number) => T | null;
}

/**
 * A late value of a list that follows a list grown by appending (rows streaming in) at once, from the
 * value it had and the new items only; any other list is computed afresh, late as above.
 */
export class GrowingLateValue<E, T> {
  #last: { list: readonly E[]; value: T } | null = null;
  readonly #late: LateValue<readonly E[], { list: readonly E[]; value: T }>;
  readonly #grow: GrowingOptions<E, T>['grow'];

  constructor(options: GrowingOptions<E, T>) {
    const { compute, initial, grow, ...rest } = options;
    this.#grow = grow;
    this.#late = new LateValue({
      ...rest,
      compute: (list) => ({ list, value: compute(list) }),
      initial: { list: [], value: initial },
      size: (list) => list.length,
    });
  }

  /** The value for `list`; `grownFrom` is the list it extends by appending only, or null. */
  get(list: readonly E[], grownFrom: readonly E[] | null): T {
    const last = this.#last;
    const grown =
      last && grownFrom && grownFrom === last.list ? this.#grow(last.value, list, grownFrom.length) : null;
    const next = grown === null ? this.#late.get(list) : { list, value: grown };
    if (next.list === list) this.#last = next;
    return next.value;
  }
}
