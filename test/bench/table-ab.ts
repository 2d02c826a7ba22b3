/**
 * Alternating A/B pairs of the table's scroll for two built renderers, against one set of simulators
 * started once: `BENCH_ENTRY=test/bench/table-ab.ts node build/bench.mjs --a DIR --b DIR [--pairs 4]
 * [--jobs 100000] [--servers 3] [--sites-per-process 1] [--out DIR]` (build each renderer with
 * `npx vite build --outDir DIR --minify false`, or take the bench's). Each window is one table run of
 * table-bench.ts (load, sort, filter, free text, then the scroll traced without the profiler); pair i runs
 * A first when i is odd, B first when even (an even number of pairs, so each side goes first as often,
 * the session's first, cold run included). Prints, per run, the bench's scroll figure (the longest task or
 * gap between frames) and table-frames.ts' split of the trace: the wall figures for the record, the counts
 * (elements restyled, layout objects) and thread times as the comparison a loaded machine still allows.
 * `--jobs 1000000 --servers 20 --sites-per-process 5` is the fleet's table.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startFleet } from './sim-fleet';
import { benchTable, openTableHarness } from './table-bench';
import type { TableHarness } from './table-bench';
import {
  gapsText,
  longestGaps,
  quantile,
  scrollCollections,
  scrollFrames,
  splitScroll,
} from './table-frames';
import type { Frame, TraceEvent } from './table-frames';
import { heldText } from './table-scroll';

const { values } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    pairs: { type: 'string', default: '4' },
    jobs: { type: 'string', default: '100000' },
    servers: { type: 'string', default: '3' },
    'sites-per-process': { type: 'string', default: '1' },
    out: { type: 'string', default: path.join(os.tmpdir(), 'table-ab') },
  },
});
if (!values.a || !values.b) throw new Error('--a DIR and --b DIR: the two built renderers');
const dirs = { A: values.a, B: values.b };
const out = path.resolve(values.out!);
mkdirSync(out, { recursive: true });
const log = (line: string) => console.error(`[table-ab] ${line}`);

const median = (xs: number[]) => quantile(xs, 0.5);
/** The trace's split, or why there is none (a scroll that reached the list's end, e.g. `--jobs 1000`). */
function summary(frames: Frame[]): string {
  let split: ReturnType<typeof splitScroll>;
  try {
    split = splitScroll(frames);
  } catch (e) {
    return `frames: n/a (${(e as Error).message})`;
  }
  const { steps, jumps, worst } = split;
  const part = (fs: Frame[], label: string) =>
    `${label} cpu ${median(fs.map((f) => f.cpu)).toFixed(1)} script ${median(fs.map((f) => f.script)).toFixed(1)} ` +
    `style ${median(fs.map((f) => f.style)).toFixed(1)} layout ${median(fs.map((f) => f.layout)).toFixed(1)} ` +
    `paint ${median(fs.map((f) => f.paint)).toFixed(1)} elements ${median(fs.map((f) => f.elements))} ` +
    `boxes ${median(fs.map((f) => f.boxes))}`;
  const cpus = frames.map((f) => f.cpu);
  return (
    `${part(steps, 'steps')} | ${part(jumps, 'jumps')} | p90 cpu ${quantile(cpus, 0.9).toFixed(1)} ` +
    `worst #${frames.indexOf(worst)} cpu ${worst.cpu.toFixed(1)} (gc ${worst.gc.toFixed(1)})`
  );
}

const fleet = await startFleet({
  servers: Number(values.servers),
  jobs: Number(values.jobs),
  services: 10,
  latencyMs: 20,
  capacity: 8,
  seed: 201,
  sitesPerProcess: Number(values['sites-per-process']),
  warmUp: 3000,
});
const harnesses: Record<'A' | 'B', TableHarness> = {
  A: await openTableHarness(log, dirs.A),
  B: await openTableHarness(log, dirs.B),
};
try {
  for (let pair = 1; pair <= Number(values.pairs); pair++) {
    for (const side of pair % 2 === 1 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      const profileFile = path.join(out, `${side}-${pair}.cpuprofile`);
      const load = os.loadavg()[0]!.toFixed(1);
      const figures = await benchTable(harnesses[side], fleet.sims, {
        jobs: Number(values.jobs),
        runs: 1,
        concurrency: 8,
        profileFile,
        log: () => {},
      });
      const run = figures.runs[0]!;
      const trace = JSON.parse(
        readFileSync(profileFile.replace(/\.cpuprofile$/, '-scroll.trace.json'), 'utf8'),
      ) as { traceEvents: TraceEvent[] } | TraceEvent[];
      const t = run.scroll.longestTask;
      const frames = scrollFrames(Array.isArray(trace) ? trace : trace.traceEvents);
      console.log(
        `pair ${pair} ${side} (load ${load}-${os.loadavg()[0]!.toFixed(1)}): scroll ${run.longestTaskMs.toFixed(1)} ms ` +
          `(gap ${run.scroll.maxFrameGapMs.toFixed(1)}, task ${run.scroll.longestTaskMs.toFixed(1)}), sort ` +
          `${run.sortMs.toFixed(0)}, filter ${run.filterMs.toFixed(0)}, first rows ${run.firstRowsMs.toFixed(0)}, ` +
          `longest task ${t ? `${t.ms.toFixed(1)} ms at #${t.frame} (${heldText(t)})` : 'none over 50 ms'} | ` +
          summary(frames),
      );
      // What the longest gaps hold: gap i ends in the frame whose scroll event is the i-th; it holds the
      // previous frame's style, layout and paint and this one's scroll handler.
      const held = longestGaps(run.scroll.gaps)
        .map(({ frame }) => {
          const f = frames[frame];
          const g = frame > 0 ? frames[frame - 1] : undefined;
          const show = (x: Frame | undefined) =>
            x
              ? `cpu ${x.cpu.toFixed(1)} script ${x.script.toFixed(1)} style ${x.style.toFixed(1)} layout ` +
                `${x.layout.toFixed(1)} paint ${x.paint.toFixed(1)} gc ${x.gc.toFixed(1)} other ${x.other.toFixed(1)} ` +
                `elements ${x.elements} boxes ${x.boxes}`
              : 'none';
          return `  #${frame}: frame ${show(f)} | previous ${show(g)}`;
        })
        .join('\n');
      const gcs = scrollCollections(Array.isArray(trace) ? trace : trace.traceEvents);
      const listed = (kind: 'major' | 'minor') =>
        gcs.collections
          .filter((c) => c.kind === kind)
          .map((c) => `#${c.frame} ${c.ms.toFixed(1)}`)
          .join(', ');
      console.log(
        `  longest gaps ${gapsText(run.scroll.gaps)}\n${held}\n  collections: major ${listed('major')}; ` +
          `minor ${listed('minor')}; marking steps ${gcs.markingMs.toFixed(1)} ms; Blink heap at each ` +
          `marking start ${gcs.embedderMb.map((m) => m.toFixed(1)).join(', ')} MB`,
      );
    }
  }
} finally {
  await harnesses.A.close();
  await harnesses.B.close();
  await fleet.close();
}
