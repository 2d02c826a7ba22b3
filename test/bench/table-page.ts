/**
 * Page-side instrumentation of the table benchmark, as init-script source (it runs in Chromium before the
 * app, so it sees the web client's requests and event stream). It records when each `jobs.list` answer and
 * each streamed batch of jobs (a `jobs.page` event) reached the page decoded, when the first row entered
 * the DOM, was laid out, and the frame that showed it, when every row was counted, and every long task. The
 * measuring functions run through `page.evaluate`.
 */

// This code runs in Chromium, but it is type-checked with the Node code (tsconfig.node.json has no DOM lib,
// on purpose): the few DOM members it uses are declared here, for this module only.
interface PageElement {
  textContent: string | null;
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  value: string;
  readonly options: ArrayLike<{ value: string }>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
  closest(selector: string): PageElement | null;
  getBoundingClientRect(): unknown;
  click(): void;
  dispatchEvent(event: Event): boolean;
}
declare const window: { top: unknown; EventSource?: { prototype: EventTargetLike } } & Record<
  string,
  unknown
>;
interface EventTargetLike {
  addEventListener(type: string, listener: unknown, options?: unknown): void;
  removeEventListener(type: string, listener: unknown, options?: unknown): void;
}
declare const document: Pick<PageElement, 'querySelector' | 'querySelectorAll'>;
declare function requestAnimationFrame(callback: (time: number) => void): number;
declare function requestIdleCallback(
  callback: (deadline: { timeRemaining(): number }) => void,
  options?: { timeout: number },
): number;
declare class MutationObserver {
  constructor(callback: () => void);
  observe(target: unknown, options: { childList: boolean; subtree: boolean }): void;
  disconnect(): void;
}
declare class PerformanceObserver {
  constructor(callback: (list: { getEntries(): Array<{ startTime: number; duration: number }> }) => void);
  observe(options: { type: string; buffered: boolean }): void;
}

/** What the init script records, on `window.__benchTable`. */
export interface PageMarks {
  /** Whether `fetch` was wrapped (false: the page changed and the marks below are missing). */
  wrapped: boolean;
  /**
   * `performance.now()` when the app got each `jobs.list` answer (decoded), with its job count and how long
   * reading and decoding its body took after the response's headers arrived.
   */
  lists: Array<{ at: number; decodeMs: number; jobs: number }>;
  /**
   * When each streamed batch (`jobs.page` event) reached the app decoded, with its job count and how long
   * decoding its data took once the event was dispatched.
   */
  pages: Array<{ at: number; decodeMs: number; jobs: number }>;
  /** When the first row element was in the DOM. */
  firstRowAt: number | null;
  /** Right after, once a layout it forces has placed the rows (what a frame needs before it can paint). */
  firstRowLaidOutAt: number | null;
  /** The first animation frame after the first row entered the DOM (the frame that paints it). */
  firstRowFrameAt: number | null;
  /** The first frame in which the grid counted every expected row. */
  allRowsAt: number | null;
  longTasks: Array<{ start: number; duration: number }>;
}

/** The init script: `expectedRows` is the number of jobs the servers hold. */
export function instrumentationScript(expectedRows: number): string {
  // tsx (esbuild with keepNames) may wrap functions in `__name(...)`: give the page a no-op one, since
  // this module's functions are sent to the page as source.
  const names = 'globalThis.__name = globalThis.__name || ((f) => f);';
  return `${names}\n(${install.toString()})(${expectedRows});\n`;
}

function install(expectedRows: number): void {
  if (window !== window.top) return;
  const jobCount = (answer: unknown): number =>
    (answer as { value?: { jobs?: unknown[] } } | null)?.value?.jobs?.length ?? -1;
  const marks: PageMarks = {
    wrapped: false,
    lists: [],
    pages: [],
    firstRowAt: null,
    firstRowLaidOutAt: null,
    firstRowFrameAt: null,
    allRowsAt: null,
    longTasks: [],
  };
  Object.defineProperty(window, '__benchTable', { value: marks });
  // The app's web client asks with fetch and decodes with `response.json()`: the clock starts once the app
  // holds the decoded list (as after Electron IPC); reading and decoding the body is timed on its own.
  type Fetch = (input: unknown, init?: { body?: unknown }) => Promise<Response>;
  const scope = window as unknown as { fetch?: Fetch };
  const nativeFetch = scope.fetch;
  if (typeof nativeFetch === 'function') {
    scope.fetch = async (input, init) => {
      const response = await nativeFetch(input, init);
      const body = typeof init?.body === 'string' ? init.body : '';
      if (body.startsWith('{"channel":"jobs.list"')) {
        const arrivedAt = performance.now();
        const decode = response.json.bind(response);
        (response as { json: () => Promise<unknown> }).json = async () => {
          const value: unknown = await decode();
          const at = performance.now();
          marks.lists.push({ at, decodeMs: at - arrivedAt, jobs: jobCount(value) });
          return value;
        };
      }
      return response;
    };
    marks.wrapped = true;
  }
  // Streamed batches come as SSE events: the app's listener decodes the data (JSON.parse) and hands the
  // jobs on; the clock starts right after that decode, as it would after an IPC event in the desktop app.
  const wrappers = new WeakMap<object, (event: unknown) => void>();
  const target = window.EventSource?.prototype;
  if (target) {
    const add = target.addEventListener;
    const remove = target.removeEventListener;
    target.addEventListener = function (type, listener, options) {
      if (type !== 'jobs.page' || typeof listener !== 'function')
        return add.call(this, type, listener, options);
      const timed = function (this: unknown, event: unknown): void {
        const arrived = performance.now();
        const parse = JSON.parse;
        let decoded: { at: number; jobs: number } | null = null;
        JSON.parse = (text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) => {
          const value: unknown = parse(text, reviver);
          const page = value as { columns?: { jobIds: unknown[] } };
          decoded ??= { at: performance.now(), jobs: page.columns?.jobIds.length ?? -1 };
          return value;
        };
        try {
          (listener as (event: unknown) => void).call(this, event);
        } finally {
          JSON.parse = parse;
        }
        const d = decoded as { at: number; jobs: number } | null;
        if (d) marks.pages.push({ at: d.at, decodeMs: d.at - arrived, jobs: d.jobs });
      };
      wrappers.set(listener, timed);
      return add.call(this, type, timed, options);
    };
    target.removeEventListener = function (type, listener, options) {
      const timed = typeof listener === 'function' ? wrappers.get(listener) : undefined;
      return remove.call(this, type, timed ?? listener, options);
    };
  }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) marks.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const rowSelector = '[role=grid] [role=row][data-index]';
  const observer = new MutationObserver(() => {
    const row = document.querySelector(rowSelector);
    if (marks.firstRowAt !== null || !row) return;
    marks.firstRowAt = performance.now();
    row.getBoundingClientRect();
    marks.firstRowLaidOutAt = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => (marks.firstRowFrameAt = performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true });
  const watchCount = (): void => {
    const grid = document.querySelector('[role=grid]');
    if (grid && Number(grid.getAttribute('aria-rowcount')) === expectedRows + 1) {
      marks.allRowsAt = performance.now();
      return;
    }
    requestAnimationFrame(watchCount);
  };
  requestAnimationFrame(watchCount);
}

/**
 * Waits until the page has been idle for `quiet` idle periods in a row (each with at least 40 ms to spare),
 * as it is when a user starts to act: work left from the previous step (garbage collection included)
 * is done by then and not billed to the next measurement. Gives up after `maxMs`; returns the time waited.
 */
export async function settleInPage({ quiet, maxMs }: { quiet: number; maxMs: number }): Promise<number> {
  const start = performance.now();
  let inARow = 0;
  while (inARow < quiet && performance.now() - start < maxMs) {
    const spare = await new Promise<number>((resolve) =>
      requestIdleCallback((deadline) => resolve(deadline.timeRemaining()), { timeout: 1000 }),
    );
    inARow = spare >= 40 ? inARow + 1 : 0;
  }
  return performance.now() - start;
}

/**
 * Clicks the sort button of `column` and returns the time until the first frame in which the column's
 * aria-sort changed and the grid's first row shows another job (or, if the same job stays first, until
 * aria-sort changed).
 */
export async function sortInPage(
  column: string,
): Promise<{ ms: number; firstBefore: string; firstAfter: string }> {
  const grid = document.querySelector('[role=grid]')!;
  const button = [...grid.querySelectorAll('[role=columnheader] button')].find((b) =>
    b.textContent?.trim().startsWith(column),
  );
  if (!button) throw new Error(`no sort button for column "${column}"`);
  const header = button.closest('[role=columnheader]')!;
  const firstId = () => grid.querySelector('[role=row][data-index="0"] .mono')?.textContent ?? '';
  const before = { sort: header.getAttribute('aria-sort'), first: firstId() };
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const t0 = performance.now();
  button.click();
  for (let i = 0; i < 600; i++) {
    const at = await new Promise<number>((resolve) =>
      requestAnimationFrame(() => resolve(performance.now())),
    );
    if (header.getAttribute('aria-sort') !== before.sort) {
      const after = firstId();
      if (after !== before.first || i > 2)
        return { ms: at - t0, firstBefore: before.first, firstAfter: after };
    }
  }
  throw new Error('the sort never showed');
}

/** Picks `value` in the status filter and returns the time until the first frame with fewer rows counted. */
export async function filterInPage(value: string): Promise<{ ms: number; rows: number }> {
  const grid = document.querySelector('[role=grid]')!;
  const select = document.querySelector('select[aria-label="Filter by status"]');
  if (!select) throw new Error('no status filter (select[aria-label="Filter by status"])');
  if (!Array.from(select.options).some((o) => o.value === value))
    throw new Error(`no status option ${value}`);
  const before = grid.getAttribute('aria-rowcount');
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const t0 = performance.now();
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  for (let i = 0; i < 600; i++) {
    const at = await new Promise<number>((resolve) =>
      requestAnimationFrame(() => resolve(performance.now())),
    );
    const now = grid.getAttribute('aria-rowcount');
    if (now !== before) return { ms: at - t0, rows: Number(now) - 1 };
  }
  throw new Error('the filter never showed');
}

/**
 * Types `text` into the search box (one input event, as a paste or the last keystroke) and returns the time
 * until the first frame with another row count: the box's pause for more typing (150 ms) included.
 */
export async function searchInPage(text: string): Promise<{ ms: number; rows: number }> {
  const grid = document.querySelector('[role=grid]')!;
  const input = document.querySelector('input[type=search]');
  if (!input) throw new Error('no search box (input[type=search])');
  const before = grid.getAttribute('aria-rowcount');
  await new Promise((resolve) => requestAnimationFrame(resolve));
  const t0 = performance.now();
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  for (let i = 0; i < 1200; i++) {
    const at = await new Promise<number>((resolve) =>
      requestAnimationFrame(() => resolve(performance.now())),
    );
    const now = grid.getAttribute('aria-rowcount');
    if (now !== before) return { ms: at - t0, rows: Number(now) - 1 };
  }
  throw new Error(`the search for "${text}" never showed`);
}

/** Removes every filter (the chips' "Clear all") and waits until `rows` rows are counted again. */
export async function clearFiltersInPage(rows: number): Promise<void> {
  const clear = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Clear all');
  if (!clear) throw new Error('no "Clear all" button for the filters');
  clear.click();
  const grid = document.querySelector('[role=grid]')!;
  for (let i = 0; i < 600; i++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    if (Number(grid.getAttribute('aria-rowcount')) === rows + 1) return;
  }
  throw new Error('the rows never came back after clearing the filters');
}
