/**
 * The table benchmark's scroll, as a function sent to the page (`page.evaluate(scrollInPage, …)`): scrolls
 * the grid one frame at a time and returns the longest gap between frames, the long tasks meanwhile, and
 * what the longest task held, read from the page's Long Animation Frames entries (Chromium 123+): its
 * duration, the frame it started in, and how much of it was script, rendering (style and layout among it)
 * and neither (what runs outside scripts and rendering: a collection's pause, the browser's own tasks).
 */
import type { PageMarks } from './table-page';

// Runs in Chromium, type-checked with the Node code (no DOM lib): the DOM members used here.
interface ScrollElement {
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  querySelectorAll(selector: string): ArrayLike<unknown>;
}
declare const window: Record<string, unknown>;
declare const document: { querySelector(selector: string): ScrollElement | null };
declare function requestAnimationFrame(callback: (time: number) => void): number;
/** A `long-animation-frame` entry, the members read here (ms, on the page's clock). */
interface AnimationFrameEntry {
  startTime: number;
  duration: number;
  /** When the frame's rendering started (rAF callbacks, then style and layout, then paint); 0 if none. */
  renderStart: number;
  /** When its style and layout started; 0 if none. */
  styleAndLayoutStart: number;
  scripts: Array<{ duration: number; invoker: string; forcedStyleAndLayoutDuration: number }>;
}
declare class PerformanceObserver {
  constructor(callback: (list: { getEntries(): AnimationFrameEntry[] }) => void);
  observe(options: { type: string }): void;
  takeRecords(): AnimationFrameEntry[];
  disconnect(): void;
}

/** The longest long task of a scroll, placed and split (ms). */
export interface LongestTask {
  ms: number;
  /** The frame gap it started in (`gaps[frame]`, as `longestGaps` numbers them). */
  frame: number;
  /** The animation frame that held it (null: the page reported none, e.g. a browser without the API). */
  held: {
    frameMs: number;
    /** Scripts of 5 ms or more (each entry's duration), and the longest one's invoker. */
    scriptMs: number;
    longestScript: string;
    /** Style and layout that script forced, inside `scriptMs`. */
    forcedLayoutMs: number;
    /** From the frame's rendering start to its end (rAF callbacks, style, layout, paint's main-thread part). */
    renderMs: number;
    /** Style and layout (and pre-paint and paint) from their start to the frame's end, inside `renderMs`. */
    styleLayoutMs: number;
    /** Neither script nor rendering: collections outside script, the browser's own tasks, idle. */
    otherMs: number;
  } | null;
}

/** What a held frame's split reads as in a log: `script 12.0 (…), rendering 30.1 (style+layout 25.0), other 3.0`. */
export function heldText(task: LongestTask): string {
  const h = task.held;
  if (!h) return 'no animation frame entry';
  return (
    `frame ${h.frameMs.toFixed(0)} ms: script ${h.scriptMs.toFixed(1)}` +
    (h.scriptMs > 0 ? ` (longest ${h.longestScript}, forced layout ${h.forcedLayoutMs.toFixed(1)})` : '') +
    `, rendering ${h.renderMs.toFixed(1)} (style+layout ${h.styleLayoutMs.toFixed(1)}), other ${h.otherMs.toFixed(1)}`
  );
}

/**
 * Scrolls the grid one frame at a time (`steps` frames of about a screenful each, then `jumps` frames
 * jumping to spread positions) and returns the longest gap between frames and the long tasks meanwhile.
 */
export async function scrollInPage({ steps, jumps }: { steps: number; jumps: number }): Promise<{
  frames: number;
  maxFrameGapMs: number;
  longestTaskMs: number;
  longTasks: number;
  /** The longest long task (null when no task passed 50 ms). */
  longestTask: LongestTask | null;
  renderedMax: number;
  /** Each frame's gap (ms): `gaps[i]` ends in the animation frame after scrollTop took its i-th position. */
  gaps: number[];
}> {
  const grid = document.querySelector('[role=grid]')!;
  const marks = window.__benchTable as PageMarks;
  grid.scrollTop = 0;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  // Positions are computed, not read back: reading layout here would force extra layouts the app never asks for.
  const [view, total] = [grid.clientHeight, grid.scrollHeight - grid.clientHeight];
  const frames: AnimationFrameEntry[] = [];
  // Chromium 123+; elsewhere the longest task is reported without its frame's split.
  let observer: PerformanceObserver | null;
  try {
    observer = new PerformanceObserver((list) => frames.push(...list.getEntries()));
    observer.observe({ type: 'long-animation-frame' });
  } catch {
    observer = null;
  }
  const start = performance.now();
  let last = start;
  let maxGap = 0;
  const gaps: number[] = [];
  const ends: number[] = [];
  let renderedMax = 0;
  let position = 0;
  for (let i = 0; i < steps + jumps; i++) {
    position =
      i < steps ? Math.min(total, position + view * 0.9) : Math.round((((i * 7919) % jumps) / jumps) * total);
    grid.scrollTop = position;
    const at = await new Promise<number>((resolve) =>
      requestAnimationFrame(() => resolve(performance.now())),
    );
    maxGap = Math.max(maxGap, at - last);
    gaps.push(at - last);
    ends.push(at);
    last = at;
    if (i % 10 === 9)
      renderedMax = Math.max(renderedMax, grid.querySelectorAll('[role=row][data-index]').length);
  }
  // Long tasks are reported after they end: one more frame so the last one is in.
  await new Promise((resolve) => requestAnimationFrame(resolve));
  if (observer) frames.push(...observer.takeRecords());
  observer?.disconnect();
  const tasks = marks.longTasks.filter((t) => t.start >= start);
  const longest = tasks.reduce<(typeof tasks)[number] | null>(
    (a, t) => (a && a.duration >= t.duration ? a : t),
    null,
  );
  let longestTask: LongestTask | null = null;
  if (longest) {
    const frame = ends.findIndex((end) => end > longest.start);
    const entry = frames.find(
      (f) => f.startTime <= longest.start + 1 && longest.start < f.startTime + f.duration,
    );
    let held: LongestTask['held'] = null;
    if (entry) {
      const end = entry.startTime + entry.duration;
      const top = entry.scripts.reduce<(typeof entry.scripts)[number] | null>(
        (a, s) => (a && a.duration >= s.duration ? a : s),
        null,
      );
      const scriptMs = entry.scripts.reduce((n, s) => n + s.duration, 0);
      const renderMs = entry.renderStart > 0 ? end - entry.renderStart : 0;
      const renderScriptMs = entry.scripts
        .filter((s) => entry.renderStart > 0 && s.duration > 0 && s.invoker.includes('FrameRequestCallback'))
        .reduce((n, s) => n + s.duration, 0);
      held = {
        frameMs: entry.duration,
        scriptMs,
        longestScript: top ? top.invoker : '',
        forcedLayoutMs: entry.scripts.reduce((n, s) => n + s.forcedStyleAndLayoutDuration, 0),
        renderMs,
        styleLayoutMs: entry.styleAndLayoutStart > 0 ? end - entry.styleAndLayoutStart : 0,
        otherMs: Math.max(0, entry.duration - scriptMs - renderMs + renderScriptMs),
      };
    }
    longestTask = { ms: longest.duration, frame: frame < 0 ? ends.length : frame, held };
  }
  return {
    frames: steps + jumps,
    maxFrameGapMs: maxGap,
    longestTaskMs: longest?.duration ?? 0,
    longTasks: tasks.length,
    longestTask,
    renderedMax,
    gaps,
  };
}
