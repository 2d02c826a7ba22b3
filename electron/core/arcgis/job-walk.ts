/**
 * Every page of one `jobs/query` (one status), each handed on as it arrives. Page 1 asks for a large page
 * and trusts the count the server returned as its page size; once `total` is known the remaining pages are
 * fetched concurrently (the client's limiter bounds it), then `nextStart` is followed forward to the end.
 * Every number the server sends (`total`, `nextStart`, page sizes) is bounded before it drives a loop, and
 * what could not be listed is said, never hidden.
 */
import type { Result } from '../types';
import { err, ok } from '../types';
import type { AdminCaller } from './caller';
import type { QueryPageList } from './normalize';
import { readQueryList } from './normalize';
import type { PageGate } from './page-gate';
import { gateOf } from './page-gate';
import type { CallOptions } from './requester';

/** Page size asked for; the server may return fewer per page, and that count is used from then on. */
export const DEFAULT_PAGE_SIZE = 1000;

/** Never walk more pages than this for one query, whatever `total` or `nextStart` claim. */
export const MAX_PAGES = 2000;

/** Never hold more jobs than this for one service query (a server claiming 10^12 jobs). */
export const MAX_LISTED_JOBS = 500_000;

/** Form parameters of a query (page fields added per page). */
export type Params = Record<string, string | number | undefined>;

/** What a walk learnt: the largest `total` any page claimed, and why it stopped early, if it did. */
export interface Walk {
  reported: number | null;
  warnings: string[];
}

/** What the walk keeps of a page it handed on: its size and paging fields. */
interface TakenPage {
  size: number;
  total: number | null;
  nextStart: number | null;
}

/**
 * Receives each page as it arrives (page 1 first, then in arrival order) and returns how many entries
 * its job list held (the page size the walk pages by).
 */
export type PageSink = (page: QueryPageList) => number;

/** A count for messages: 10^12 rather than thirteen digits. */
export function countText(n: number): string {
  return n >= 1e9 ? `10^${Math.floor(Math.log10(n))}` : String(n);
}

async function page(c: AdminCaller, url: string, params: Params, opts: CallOptions) {
  const r = await c.call(url, params, 'admin', opts);
  if (!r.ok) return r;
  const read = readQueryList(r.value);
  if ('list' in read) return ok(read);
  const keys = read.unknownKeys.length ? read.unknownKeys.map((k) => `"${k}"`).join(', ') : 'none';
  return err({
    kind: 'not-arcgis' as const,
    message:
      `${url} answered without a job list: no "results" (object keyed by job id or array) and no "jobs" ` +
      `array; keys seen: ${keys}. Run "gpjobs servers diagnose" and attach its report to a bug report.`,
  });
}

/**
 * What the concurrent pages of one walk share: the first failure. A page admitted after it is not asked
 * (its request would be wasted, and with read retries' back-off it would hold the gate's place against
 * other walks of the client), and a page not yet read when it is recorded is not handed on (nor counted):
 * that includes a page answered just before it, whose reading waits one microtask (see `fetchTaken`).
 */
interface Stop {
  failure: Result<never> | null;
}

/**
 * A page handed to `take` once `gate` admits it (see page-gate.ts); only its size (what `take` returned)
 * and paging fields are kept, so no caller holds the parsed page in a local across its next await.
 */
async function takenPage(
  c: AdminCaller,
  url: string,
  params: Params,
  opts: CallOptions,
  gate: PageGate,
  take: (p: QueryPageList) => number,
  stop?: Stop,
): Promise<Result<TakenPage>> {
  const admitted = gate.enter(opts.signal);
  if (admitted !== true && !(await admitted)) return err({ kind: 'aborted', message: 'Cancelled.' });
  if (stop?.failure) {
    gate.leave();
    return stop.failure;
  }
  // A call of its own: its request chain is made now, not while this frame waited for the gate.
  return fetchTaken(c, url, params, opts, gate, take, stop);
}

/**
 * Fetches an admitted page into `take`; the gate's place is given back once the answer is read, after a
 * failure is recorded in `stop`, so the page admitted next already sees it.
 */
async function fetchTaken(
  c: AdminCaller,
  url: string,
  params: Params,
  opts: CallOptions,
  gate: PageGate,
  take: (p: QueryPageList) => number,
  stop?: Stop,
): Promise<Result<TakenPage>> {
  let p: Awaited<ReturnType<typeof page>>;
  try {
    p = await page(c, url, params, opts);
    if (!p.ok && stop) stop.failure ??= p;
  } finally {
    gate.leave();
  }
  if (!p.ok) return p;
  // One microtask before `take`: the page `leave` admitted (a microtask already queued) makes its request,
  // down to the socket, before this page's jobs are read, as the bare loop's next request goes out as soon
  // as it has parsed a page. Taken first, every page's request waited for the page before it to be read.
  // That holds when the admitted page's request chain is synchronous: its token cached, no Retry-After
  // hold and a limiter slot free; otherwise it reaches its first real await and this page is read first,
  // as before. A failure or a cancel in that microtask (another continuation aborting the listing) is
  // seen here: the page is not read.
  await undefined;
  if (stop?.failure) return stop.failure;
  if (opts.signal?.aborted) return err({ kind: 'aborted', message: 'Cancelled.' });
  return ok({ size: take(p.value), total: p.value.total, nextStart: p.value.nextStart });
}

/**
 * Every page of one status, read once: concurrent once `total` is known, then `nextStart` to the end.
 * A failed page fails the walk; pages handed on before it stay handed on, none is handed on after it.
 */
export async function walkPages(
  c: AdminCaller,
  url: string,
  id: string,
  base: Params,
  opts: CallOptions & { pageSize?: number },
  onPage: PageSink,
): Promise<Result<Walk>> {
  const out: Walk = { reported: null, warnings: [] };
  let [listed, pages] = [0, 0];
  const take = (p: QueryPageList): number => {
    const n = onPage(p);
    listed += n;
    pages++;
    if (p.total !== null && p.total >= 0) out.reported = Math.max(out.reported ?? 0, p.total);
    return n;
  };
  const asked = Math.min(DEFAULT_PAGE_SIZE, Math.max(1, Math.floor(opts.pageSize ?? DEFAULT_PAGE_SIZE)));
  // Pages are taken inside `fetchTaken`, which keeps only their paging fields: a local holding a page here
  // would keep its parsed jobs alive across the next await (an async function keeps its locals across each
  // await, used or not): page 1 for the whole walk, each nextStart page for the next page's round trip,
  // and the collector would copy and promote them. Every page waits for the client's gate first.
  const gate = gateOf(c, c.concurrency ?? Infinity);
  const first = await takenPage(c, url, { ...base, number: asked, start: 1 }, opts, gate, take);
  if (!first.ok) return first;
  const { size, total } = first.value;
  const maxPages = Math.max(1, Math.min(MAX_PAGES, Math.floor(MAX_LISTED_JOBS / Math.max(1, size))));
  const stopped = (): void => {
    const claim = out.reported !== null ? `${countText(out.reported)} jobs` : 'more jobs';
    out.warnings.push(
      `${id}: the server reports ${claim}; listing stopped at ${listed} (${pages} pages). ` +
        'Narrow the filter (time window, status) to see the rest.',
    );
  };
  let next = first.value.nextStart;
  let lastStart = 1;
  if (size > 0 && total !== null && total > size) {
    // Page count computed (never a loop over `total`), then capped.
    const wanted = Math.ceil((total - size) / size);
    const count = Math.min(wanted, maxPages - 1);
    // After a failed page, no page is asked or handed on (nor counted).
    const stop: Stop = { failure: null };
    const nextStarts = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const start = 1 + size * (i + 1);
        const p = await takenPage(c, url, { ...base, number: size, start }, opts, gate, take, stop);
        if (!p.ok) stop.failure ??= p;
        return p.ok ? p.value.nextStart : null;
      }),
    );
    if (stop.failure) return stop.failure;
    if (count < wanted) {
      stopped();
      next = null;
    } else {
      next = nextStarts.at(-1) ?? null;
      lastStart = 1 + size * count;
    }
  } else if (total !== null) next = null;
  // No total, or jobs were added while paging: follow nextStart one page at a time, always forward.
  while (size > 0 && next !== null && next > lastStart) {
    if (pages >= maxPages) {
      stopped();
      break;
    }
    const p = await takenPage(c, url, { ...base, number: size, start: next }, opts, gate, take);
    if (!p.ok) return p;
    if (p.value.size === 0) break;
    lastStart = next;
    next = p.value.nextStart;
  }
  return ok(out);
}
