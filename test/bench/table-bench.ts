/**
 * The table in Chromium: the REAL app (the renderer built from the working tree, served as `gpjobs ui`
 * serves it through the e2e harness: the app's CSP, the web client over HTTP to the same main-process
 * handlers over a core pointing at the simulators). Measured from the page: time to first rows, a sort, a filter, and the
 * longest main-thread task while scrolling. See table-page.ts for what the page records.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { AppCore } from '../../electron/main/app-core';
import { openBenchApp } from './app-setup';
import { median } from './report';
import type { SimProcess } from './sim-fleet';
import type { PageMarks } from './table-page';
import {
  clearFiltersInPage,
  filterInPage,
  instrumentationScript,
  searchInPage,
  settleInPage,
  sortInPage,
} from './table-page';
import { gapsText } from './table-frames';
import type { TableHarness } from './table-harness';
import { heldText, scrollInPage } from './table-scroll';

export { buildRenderer, openTableHarness } from './table-harness';
export type { TableHarness } from './table-harness';

/** Before each interaction: idle for 10 idle periods in a row (about half a second), at most 15 s. */
const SETTLE = { quiet: 10, maxMs: 15_000 };

/** What a scrolling trace records (as DevTools' performance panel does). */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'];

/** One measurement of the table (one fresh window). */
export interface TableRun {
  /**
   * From the first jobs reaching the page decoded (the first streamed batch of any server; a whole list
   * when the listing was not streamed) to the first rows in the DOM and laid out: the app's own work
   * (state, the frame it waits for, derived rows, rendering). The headline.
   */
  firstRowsMs: number;
  /** From navigation to the first jobs reaching the page decoded (the servers' and transport's time). */
  firstJobsSinceNavigationMs: number;
  /** How many streamed batches reached the page (0: the lists came whole). */
  batches: number;
  /** The same, to the first row element in the DOM (before layout). */
  firstRowsInDomMs: number;
  /**
   * The same, to the next animation frame: it also waits for the page to decode the other servers' lists
   * when they arrive meanwhile.
   */
  firstRowsFrameMs: number;
  /** From navigation to that frame (servers listed over the network and HTTP to the page included). */
  firstRowsSinceNavigationMs: number;
  /** From navigation until the grid counted every job. */
  allRowsSinceNavigationMs: number;
  /** The longest long task while the jobs loaded (0 when none passed 50 ms). */
  longestTaskWhileLoadingMs: number;
  sortMs: number;
  filterMs: number;
  filteredRows: number;
  /** Typing a free text into the search box, to the frame with its rows (the box's 150 ms pause included). */
  searchMs: number;
  searchRows: number;
  scroll: Awaited<ReturnType<typeof scrollInPage>>;
  /** max(longest long task, longest gap between frames) while scrolling. */
  longestTaskMs: number;
  /** The page's JS heap in use with every row loaded, after a full garbage collection (MB). */
  heapMb: number;
}

/** Table figures for one job count: medians over the runs, and the runs. */
export interface TableFigures {
  jobs: number;
  firstRowsMs: number;
  firstRowsFrameMs: number;
  firstJobsSinceNavigationMs: number;
  firstRowsSinceNavigationMs: number;
  allRowsSinceNavigationMs: number;
  sortMs: number;
  filterMs: number;
  searchMs: number;
  longestTaskMs: number;
  heapMb: number;
  runs: TableRun[];
}

/** Both table sizes. */
export interface TableBenchResult {
  small: TableFigures;
  large: TableFigures;
  rendererDir: string;
}

/** Options of one table measurement. */
export interface TableBenchOptions {
  jobs: number;
  runs: number;
  concurrency: number;
  /** The column whose sort is timed, as its header reads. */
  sortColumn?: string;
  /** The status picked in the status filter. */
  filterStatus?: string;
  /** The text typed into the search box (a piece of hex job ids by default). */
  searchText?: string;
  /**
   * Saves a Chromium CPU profile of the first run (load, sort, filter, free text) to this file, and a trace
   * of its scrolling beside it (`…-scroll.trace.json`, for DevTools or table-frames.ts), taken without the
   * profiler.
   */
  profileFile?: string;
  log: (line: string) => void;
}

/** What the page shows, for an error message when it never got to the expected rows. */
async function pageState(page: Page): Promise<string> {
  return page
    .evaluate(() => {
      const doc = (
        globalThis as unknown as {
          document: {
            body: { innerText: string };
            querySelector(s: string): { getAttribute(n: string): string | null } | null;
          };
        }
      ).document;
      const marks = (globalThis as unknown as { __benchTable?: PageMarks }).__benchTable;
      return JSON.stringify({
        rowcount: doc.querySelector('[role=grid]')?.getAttribute('aria-rowcount') ?? null,
        lists: marks?.lists,
        text: doc.body.innerText.slice(0, 1500),
      });
    })
    .catch((e: unknown) => `unreadable (${String(e)})`);
}

async function measureOnce(
  harness: TableHarness,
  core: AppCore,
  o: TableBenchOptions,
  expectedRows: number,
  profileFile: string | undefined,
): Promise<TableRun> {
  const app = await harness.e2e.launchWebApp({
    browser: harness.browser,
    core,
    rendererDir: harness.dir,
    initScript: instrumentationScript(expectedRows),
  });
  try {
    const page: Page = app.page;
    // The page has loaded; the job lists are still on their way (they take the servers' time and more).
    const cdp = await page.context().newCDPSession(page);
    if (profileFile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await page
      .waitForFunction(
        () => (globalThis as unknown as { __benchTable?: PageMarks }).__benchTable?.allRowsAt != null,
        undefined,
        { timeout: 300_000, polling: 100 },
      )
      .catch(async (error: unknown) => {
        throw new Error(`${(error as Error).message}\npage state: ${await pageState(page)}`);
      });
    const marks = await page.evaluate(
      () => (globalThis as unknown as { __benchTable: PageMarks }).__benchTable,
    );
    if (!marks.wrapped) throw new Error('the page has no fetch to wrap (harness changed?)');
    // The first jobs at the page: the first streamed batch, else (a listing not streamed) the first list.
    const firstList = marks.pages[0] ?? marks.lists.find((l) => l.jobs > 0) ?? marks.lists[0];
    if (
      !firstList ||
      marks.firstRowLaidOutAt === null ||
      marks.firstRowFrameAt === null ||
      marks.allRowsAt === null
    )
      throw new Error(
        `incomplete page marks: ${JSON.stringify({ ...marks, longTasks: marks.longTasks.length })}`,
      );
    const loading = marks.longTasks.filter((t) => t.start <= marks.allRowsAt!);
    const settle = () => page.evaluate(settleInPage, SETTLE);
    await settle();
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const sort = await page.evaluate(sortInPage, o.sortColumn ?? 'Job ID');
    await settle();
    const filter = await page.evaluate(filterInPage, o.filterStatus ?? 'esriJobFailed');
    await page.evaluate(clearFiltersInPage, expectedRows);
    await settle();
    const search = await page.evaluate(searchInPage, o.searchText ?? 'abc');
    await page.evaluate(clearFiltersInPage, expectedRows);
    await settle();
    if (profileFile) {
      // The sampling profiler stops before the scroll: its samples, every 200 µs, would add to each frame's
      // script time in the trace, the frame costs it is taken for (see table-frames.ts).
      const { profile } = await cdp.send('Profiler.stop');
      mkdirSync(path.dirname(profileFile), { recursive: true });
      writeFileSync(profileFile, JSON.stringify(profile));
      o.log(`table: CPU profile of the page saved to ${path.relative(process.cwd(), profileFile)}`);
      await harness.browser.startTracing(page, { categories: TRACE_CATEGORIES });
    }
    const scroll = await page.evaluate(scrollInPage, { steps: 100, jumps: 50 });
    if (profileFile) {
      const trace = await harness.browser.stopTracing();
      const traceFile = profileFile.replace(/\.cpuprofile$/, '') + '-scroll.trace.json';
      mkdirSync(path.dirname(traceFile), { recursive: true });
      writeFileSync(traceFile, trace);
      o.log(`table: trace of the scrolling saved to ${path.relative(process.cwd(), traceFile)}`);
    }
    return {
      firstRowsMs: marks.firstRowLaidOutAt! - firstList.at,
      firstJobsSinceNavigationMs: firstList.at,
      batches: marks.pages.length,
      firstRowsInDomMs: marks.firstRowAt! - firstList.at,
      firstRowsFrameMs: marks.firstRowFrameAt - firstList.at,
      firstRowsSinceNavigationMs: marks.firstRowFrameAt,
      allRowsSinceNavigationMs: marks.allRowsAt,
      longestTaskWhileLoadingMs: Math.max(0, ...loading.map((t) => t.duration)),
      sortMs: sort.ms,
      filterMs: filter.ms,
      filteredRows: filter.rows,
      searchMs: search.ms,
      searchRows: search.rows,
      scroll,
      longestTaskMs: Math.max(scroll.longestTaskMs, scroll.maxFrameGapMs),
      heapMb: heap.usedSize / 1024 / 1024,
    };
  } finally {
    await app.close();
  }
}

/** The scroll's longest task as the log reads it: `longest task 55.0 ms at #20 (frame 61 ms: script …)`. */
function taskText(run: TableRun): string {
  const t = run.scroll.longestTask;
  if (!t) return 'no task over 50 ms';
  return `longest task ${t.ms.toFixed(1)} ms at #${t.frame} (${heldText(t)}), ${run.scroll.longTasks} over 50 ms`;
}

/** Measures the table `o.runs` times (each in a fresh window) against a core over `sims`. */
export async function benchTable(
  harness: TableHarness,
  sims: readonly SimProcess[],
  o: TableBenchOptions,
): Promise<TableFigures> {
  // Setup through the same handlers the window uses; passwords for this session only.
  const { core, dispose } = await openBenchApp(sims, o.concurrency);
  try {
    const expected = sims.reduce((n, s) => n + s.jobs, 0);
    const runs: TableRun[] = [];
    for (let i = 0; i < o.runs; i++) {
      const run = await measureOnce(harness, core, o, expected, i === 0 ? o.profileFile : undefined);
      o.log(
        `table ${expected} jobs, run ${i + 1}/${o.runs}: first rows ${run.firstRowsMs.toFixed(0)} ms after ` +
          `the first jobs reached the page (${run.firstJobsSinceNavigationMs.toFixed(0)} ms since navigation; ` +
          `first rows ${run.firstRowsSinceNavigationMs.toFixed(0)} ms, all rows ` +
          `${run.allRowsSinceNavigationMs.toFixed(0)} ms since navigation, ${run.batches} batches), ` +
          `longest task while loading ${run.longestTaskWhileLoadingMs.toFixed(0)} ms, sort ${run.sortMs.toFixed(0)} ms, ` +
          `filter ${run.filterMs.toFixed(0)} ms, free text ${run.searchMs.toFixed(0)} ms (${run.searchRows} rows; ` +
          `150 ms of it the search box's pause), scroll longest ${run.longestTaskMs.toFixed(0)} ms ` +
          `(longest gaps ${gapsText(run.scroll.gaps)} of ${run.scroll.gaps.length} frames; ${taskText(run)}), ` +
          `JS heap ${run.heapMb.toFixed(0)} MB`,
      );
      runs.push(run);
    }
    const med = (pick: (r: TableRun) => number) => median(runs.map(pick));
    return {
      jobs: expected,
      firstRowsMs: med((r) => r.firstRowsMs),
      firstRowsFrameMs: med((r) => r.firstRowsFrameMs),
      firstJobsSinceNavigationMs: med((r) => r.firstJobsSinceNavigationMs),
      firstRowsSinceNavigationMs: med((r) => r.firstRowsSinceNavigationMs),
      allRowsSinceNavigationMs: med((r) => r.allRowsSinceNavigationMs),
      sortMs: med((r) => r.sortMs),
      filterMs: med((r) => r.filterMs),
      searchMs: med((r) => r.searchMs),
      longestTaskMs: med((r) => r.longestTaskMs),
      heapMb: med((r) => r.heapMb),
      runs,
    };
  } finally {
    await dispose();
  }
}
