/**
 * What each frame of the table benchmark's scroll cost the page's main thread, from the trace that
 * `npm run bench -- --only table --profile` saves (`table-<jobs>-scroll.trace.json`, table-bench.ts):
 * `npx tsx test/bench/table-frames.ts FILE...`. A frame runs from one scroll event to the next; its cost is
 * the main thread's CPU time (the trace's thread time, which a busy machine inflates far less than wall
 * time), split into script, style, layout, paint (pre-paint, paint, layerize, commit), collector pauses and
 * the rest (tasks of the browser's own, incremental marking); and two counts that do not depend on the load
 * at all: the elements whose style was recalculated and the layout objects laid out.
 * Prints the medians of the scroll's steps (the first 100 frames) and jumps (the next 50), the 90th
 * percentile and the worst frame; refuses a trace with another number of scroll frames (a coalesced or
 * missing scroll event would shift jumps into the steps' median).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, µs. */
  tdur?: number;
  args?: {
    name?: string;
    data?: { type?: string; nodeName?: string };
    beginData?: { dirtyObjects?: number };
    elementCount?: number;
  };
}

const PARTS = ['cpu', 'script', 'style', 'layout', 'paint', 'gc', 'other', 'elements', 'boxes'] as const;
export type Frame = Record<(typeof PARTS)[number], number>;

const SCRIPT = new Set(['EventDispatch', 'FireAnimationFrame', 'TimerFire', 'FunctionCall']);
const PAINT = new Set(['PrePaint', 'Layerize', 'Commit']);
const GC = new Set(['MinorGC', 'MajorGC']);

function part(e: TraceEvent): 'style' | 'layout' | 'paint' | 'gc' | null {
  if (e.name === 'UpdateLayoutTree') return 'style';
  if (e.name === 'Layout') return 'layout';
  if (GC.has(e.name)) return 'gc';
  // The document's paint holds the scroller's: count the outer one only.
  if (PAINT.has(e.name) || (e.name === 'Paint' && e.args?.data?.nodeName === '#document')) return 'paint';
  return null;
}

/** The scroll's frames of one trace (milliseconds of main-thread CPU each). */
export function scrollFrames(events: readonly TraceEvent[]): Frame[] {
  const main = events.find(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  if (!main) throw new Error('no renderer main thread in the trace');
  const own = events
    .filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // A frame starts with the task that dispatches its scroll event (the frame's rendering task).
  const tasks = own.filter((e) => e.name === 'RunTask');
  const starts = own
    .filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'scroll')
    .map((e) => tasks.findLast((t) => t.ts <= e.ts)?.ts ?? e.ts);
  const frames = starts.map(() => Object.fromEntries(PARTS.map((p) => [p, 0])) as Frame);
  const ms = (e: TraceEvent) => (e.tdur ?? e.dur ?? 0) / 1000;
  // Events enclosing the current one: script time is a script event's own, less what runs nested in it.
  const open: TraceEvent[] = [];
  let f = -1;
  for (const e of own) {
    while (f + 1 < starts.length && e.ts >= starts[f + 1]!) f++;
    while (open.length && e.ts >= open.at(-1)!.ts + (open.at(-1)!.dur ?? 0)) open.pop();
    const frame = frames[f];
    if (frame) {
      frame.elements += e.name === 'UpdateLayoutTree' ? (e.args?.elementCount ?? 0) : 0;
      frame.boxes += e.name === 'Layout' ? (e.args?.beginData?.dirtyObjects ?? 0) : 0;
      const inScript = open.some((o) => SCRIPT.has(o.name));
      const p = part(e);
      if (e.name === 'RunTask' && open.length === 0) frame.cpu += ms(e);
      else if (SCRIPT.has(e.name) && !inScript) frame.script += ms(e);
      if (p && !open.some((o) => part(o) === p)) {
        frame[p] += ms(e);
        if (inScript) frame.script -= ms(e);
      }
    }
    open.push(e);
  }
  for (const x of frames) x.other = x.cpu - x.script - x.style - x.layout - x.paint - x.gc;
  return frames;
}

/** The `q` quantile of `values` (the value at rank floor(q·n), clamped to the largest); 0 when empty. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function line(label: string, pick: (p: (typeof PARTS)[number]) => number): string {
  const value = (p: (typeof PARTS)[number]) => pick(p).toFixed(p === 'elements' || p === 'boxes' ? 0 : 1);
  return `  ${label.padEnd(9)} ${PARTS.map((p) => `${p} ${value(p)}`).join('  ')}`;
}

/**
 * The collections during a scroll (from its first scroll event on), each with the scroll frame it fell in
 * and its thread time: `MajorGC` is a full collection's final pause (its incremental marking steps run
 * before it, as `V8.GCIncrementalMarking`, summed in `markingMs`), `MinorGC` a young-generation one. A
 * full collection starts when the V8 heap plus Blink's (the embedder's: DOM, styles, layout objects) pass
 * their global limit; `embedderMb` is Blink's share when each marking started.
 */
export function scrollCollections(events: readonly TraceEvent[]): {
  collections: Array<{ frame: number; kind: 'major' | 'minor'; ms: number }>;
  markingMs: number;
  embedderMb: number[];
} {
  const main = events.find(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  if (!main) throw new Error('no renderer main thread in the trace');
  const own = events.filter((e) => e.pid === main.pid && e.tid === main.tid).sort((a, b) => a.ts - b.ts);
  const scrolls = own.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'scroll');
  const first = scrolls[0]?.ts ?? Infinity;
  const frameOf = (ts: number) => scrolls.filter((e) => e.ts <= ts).length - 1;
  const ms = (e: TraceEvent) => (e.tdur ?? e.dur ?? 0) / 1000;
  const during = own.filter((e) => e.ts >= first);
  return {
    collections: during
      .filter((e) => GC.has(e.name))
      .map((e) => ({ frame: frameOf(e.ts), kind: e.name === 'MajorGC' ? 'major' : 'minor', ms: ms(e) })),
    markingMs: during.filter((e) => e.name === 'V8.GCIncrementalMarking').reduce((a, e) => a + ms(e), 0),
    embedderMb: during
      .filter((e) => e.name === 'V8.GCIncrementalMarkingStart')
      .map((e) => {
        const v = (e.args as { value?: Record<string, number> } | undefined)?.value ?? {};
        return ((v.global_consumed_bytes ?? 0) - (v.old_gen_consumed_bytes ?? 0)) / 1e6;
      }),
  };
}

/** The `n` longest of a scroll's frame gaps (scrollInPage's `gaps`), longest first, with their frame numbers. */
export function longestGaps(gaps: readonly number[], n = 3): Array<{ frame: number; ms: number }> {
  return gaps
    .map((ms, frame) => ({ frame, ms }))
    .sort((a, b) => b.ms - a.ms || a.frame - b.frame)
    .slice(0, n);
}

/** `longestGaps` as a log reads it: `41.2 ms at #0, 35.0 at #1, 33.3 at #117`. */
export function gapsText(gaps: readonly number[], n = 3): string {
  return longestGaps(gaps, n)
    .map((g, i) => `${g.ms.toFixed(1)}${i === 0 ? ' ms' : ''} at #${g.frame}`)
    .join(', ');
}

/** The bench's scroll (scrollInPage's call in table-bench.ts): this many step frames, then jumps. */
export const SCROLL = { steps: 100, jumps: 50 } as const;

/** A scroll's frames as steps and jumps, and its worst frame; throws unless it has exactly `steps + jumps`. */
export function splitScroll(
  frames: readonly Frame[],
  { steps, jumps }: { steps: number; jumps: number } = SCROLL,
): { steps: Frame[]; jumps: Frame[]; worst: Frame } {
  if (frames.length !== steps + jumps || frames.length === 0) {
    throw new Error(
      `${frames.length} scroll frames, not the ${steps} steps and ${jumps} jumps of the bench's scroll: ` +
        'a scroll event was coalesced or missing, so steps and jumps cannot be told apart',
    );
  }
  const worst = frames.reduce((a, b) => (b.cpu > a.cpu ? b : a), frames[0]!);
  return { steps: frames.slice(0, steps), jumps: frames.slice(steps), worst };
}

/**
 * The step frames of `bursts` bursts of `frames` steps each, as table-interleave.ts scrolls them: each burst
 * gives `frames + 1` scroll events (its move to a new place, then the steps). Leaves out each burst's first
 * frame (the move, which rewrites every row and paints the first step's place too) and its last (which runs
 * to the next burst's first scroll event, so it holds the other side's whole burst). Throws unless the count
 * is exact: a missing or coalesced scroll event would shift every later burst's boundaries.
 */
export function burstSteps(frames: readonly Frame[], bursts: number, steps: number): Frame[] {
  if (frames.length !== bursts * (steps + 1) || frames.length === 0) {
    throw new Error(
      `${frames.length} scroll frames, not the ${bursts} bursts of ${steps + 1} scroll events: ` +
        'a scroll event was coalesced or missing, so the bursts cannot be told apart',
    );
  }
  return frames.filter((_, k) => k % (steps + 1) !== 0 && k % (steps + 1) !== steps);
}

function report(file: string): void {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const frames = scrollFrames(Array.isArray(parsed) ? parsed : parsed.traceEvents);
  const { steps, jumps, worst } = splitScroll(frames);
  console.log(`${file}: ${frames.length} frames; per frame main-thread CPU in ms, elements, layout boxes`);
  console.log(
    line('steps', (p) =>
      quantile(
        steps.map((x) => x[p]),
        0.5,
      ),
    ),
  );
  console.log(
    line('jumps', (p) =>
      quantile(
        jumps.map((x) => x[p]),
        0.5,
      ),
    ),
  );
  console.log(
    line('p90', (p) =>
      quantile(
        frames.map((x) => x[p]),
        0.9,
      ),
    ),
  );
  console.log(line(`worst #${frames.indexOf(worst)}`, (p) => worst[p]));
}

if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(process.argv[1]).href &&
  /table-frames\.[jt]s$/.test(process.argv[1])
) {
  for (const file of process.argv.slice(2)) {
    try {
      report(file);
    } catch (e) {
      console.error(`${file}: ${(e as Error).message}`);
      process.exitCode = 1;
    }
  }
}
