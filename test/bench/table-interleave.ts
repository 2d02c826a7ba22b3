/**
 * Two built renderers side by side in one browser, over one simulator, scrolled in alternating bursts
 * under one trace: the comparison of frame costs that a loaded machine still allows, since both sides
 * share the same seconds of load (two runs of the same build agreed within 4% at load 15, where separate
 * windows a minute apart differ by 40%). `npx tsx test/bench/table-interleave.ts --a DIR --b DIR
 * [--jobs 10000] [--bursts 10] [--jumps]` (build each renderer with `npx vite build --outDir DIR
 * --minify false`). Each burst moves to a new place in the list, then takes 20 steps of 0.9 of a viewport
 * (the bench's steps; `--jumps`: 20 of the bench's jumps), setting scrollTop in each frame's animation
 * frame callback as the bench does; each burst's first frame (the move) and last (which runs until the
 * side's next burst, so it holds the other side's) are left out (`burstSteps`, table-frames.ts), and a side
 * with a scroll event missing is refused. Prints each side's median per frame (table-frames.ts: main-thread
 * CPU, script, style, layout, paint, elements restyled, layout objects), its 90th percentile and worst frame.
 */
import { parseArgs } from 'node:util';
import { openBenchApp } from './app-setup';
import { startFleet } from './sim-fleet';
import { openTableHarness } from './table-bench';
import { instrumentationScript } from './table-page';
import type { PageMarks } from './table-page';
import { burstSteps, quantile, scrollFrames } from './table-frames';
import type { Frame, TraceEvent } from './table-frames';

declare const document: {
  querySelector(s: string): { clientHeight: number; scrollHeight: number; scrollTop: number };
};
declare function requestAnimationFrame(callback: (time: number) => void): number;

const { values } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    jobs: { type: 'string', default: '10000' },
    bursts: { type: 'string', default: '10' },
    jumps: { type: 'boolean', default: false },
  },
});
if (!values.a || !values.b) throw new Error('--a DIR and --b DIR: the two built renderers');
const jobs = Number(values.jobs);
const FRAMES = 20;

/** In the page: one burst of scroll frames from a place that depends on `burst`. */
async function burstInPage({ burst, jumps, frames }: { burst: number; jumps: boolean; frames: number }) {
  const grid = document.querySelector('[role=grid]');
  const view = grid.clientHeight;
  const total = grid.scrollHeight - view;
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  // Never the place the page is already at (burst 0 would be 0 after load): that fires no scroll event.
  let position = Math.round((((burst + 1) * 0.37) % 0.8) * total);
  grid.scrollTop = position;
  await frame();
  for (let i = 0; i < frames; i++) {
    position = jumps
      ? Math.round((((i * 7919 + burst) % 50) / 50) * total)
      : Math.min(total, position + view * 0.9);
    grid.scrollTop = position;
    await frame();
  }
  await frame();
}

const fleet = await startFleet({ servers: 1, jobs, services: 10, latencyMs: 20, capacity: 8, seed: 201 });
const harness = await openTableHarness(() => {}, values.a);
const { core, dispose } = await openBenchApp(fleet.sims, 8);
try {
  const apps = [];
  for (const dir of [values.a, values.b]) {
    const app = await harness.e2e.launchWebApp({
      browser: harness.browser,
      core,
      rendererDir: dir,
      initScript: instrumentationScript(jobs),
    });
    await app.page.waitForFunction(
      () => (globalThis as unknown as { __benchTable?: PageMarks }).__benchTable?.allRowsAt != null,
      undefined,
      { timeout: 120_000, polling: 100 },
    );
    apps.push(app);
  }
  await harness.browser.startTracing(undefined, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'],
  });
  const first: number[] = [];
  for (let burst = 0; burst < Number(values.bursts); burst++) {
    for (const side of burst % 2 ? [1, 0] : [0, 1]) {
      if (burst === 0) first.push(side);
      await apps[side]!.page.bringToFront();
      await apps[side]!.page.evaluate(burstInPage, { burst, jumps: values.jumps!, frames: FRAMES });
    }
  }
  const { traceEvents } = JSON.parse((await harness.browser.stopTracing()).toString()) as {
    traceEvents: TraceEvent[];
  };
  // Each side's renderer process, told apart by which scrolled first.
  const pids: number[] = [];
  const scrolls = traceEvents.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'scroll');
  for (const e of scrolls.sort((x, y) => x.ts - y.ts)) if (!pids.includes(e.pid)) pids.push(e.pid);
  for (const [side, label] of ['A', 'B'].entries()) {
    const pid = pids[first.indexOf(side)];
    const frames = scrollFrames(traceEvents.filter((e) => e.pid === pid));
    const kept = burstSteps(frames, Number(values.bursts), FRAMES);
    const cpus = kept.map((f) => f.cpu);
    const parts = (['cpu', 'script', 'style', 'layout', 'paint', 'gc', 'other', 'elements', 'boxes'] as const)
      .map(
        (p) =>
          `${p} ${quantile(
            kept.map((f: Frame) => f[p]),
            0.5,
          ).toFixed(1)}`,
      )
      .join(' ');
    console.log(
      `${label}: ${kept.length} frames, median ${parts}; p90 cpu ${quantile(cpus, 0.9).toFixed(1)}, ` +
        `worst ${Math.max(...cpus).toFixed(1)}`,
    );
  }
  for (const app of apps) await app.close();
} finally {
  await dispose();
  await harness.close();
  await fleet.close();
}
