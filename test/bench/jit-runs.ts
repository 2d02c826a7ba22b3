/**
 * Reads what V8 printed with `--trace-opt --trace-deopt --trace-gc` into one line per run, for
 * `callgrind-bulk.ts --native --jit-summary`. A run's entry starts at its `[callgrind-bulk] idle before
 * run N` (or `the counted run`) marker and lasts until the next one or `count off`: the idle spell and the
 * run after it, so what V8 did while idle is billed to the run that pays for it. Counted per run:
 * - `compiles` and `compileMs`: optimized compilations finished, and their time as V8 reports it (the three
 *   phases summed; mostly on the compiler thread);
 * - `deopts`: deoptimizations of running code (`[bailout (...`);
 * - `codeDependencies`: optimized code dropped because something it assumed changed (a field's type,
 *   representation or constness: "marking dependent code ... reason: code dependencies");
 * - `weakObjects`: optimized code dropped because a map or object it embeds died in a collection
 *   ("... reason: weak objects");
 * - `reduceGcs` and `majorGcs`: mark-compacts that reduced memory (the memory reducer's, `(reduce)`), and all.
 */

export interface JitRun {
  run: string;
  compiles: number;
  compileMs: number;
  deopts: number;
  codeDependencies: number;
  weakObjects: number;
  reduceGcs: number;
  majorGcs: number;
}

const MARKER = /^\[callgrind-bulk\] (?:idle before (run \d+|the counted run)|count off)/;

/** One entry per marked run, in order; lines before the first marker are left out. */
export function jitRuns(trace: string): JitRun[] {
  const runs: JitRun[] = [];
  let at: JitRun | null = null;
  for (const line of trace.split('\n')) {
    const marker = MARKER.exec(line);
    if (marker) {
      at = null;
      if (marker[1]) {
        at = {
          run: marker[1] === 'the counted run' ? 'counted run' : marker[1],
          compiles: 0,
          compileMs: 0,
          deopts: 0,
          codeDependencies: 0,
          weakObjects: 0,
          reduceGcs: 0,
          majorGcs: 0,
        };
        runs.push(at);
      }
      continue;
    }
    if (!at) continue;
    if (line.startsWith('[completed compiling')) {
      at.compiles++;
      const took = /took ([\d.]+), ([\d.]+), ([\d.]+) ms/.exec(line);
      if (took) at.compileMs += Number(took[1]) + Number(took[2]) + Number(took[3]);
    } else if (line.startsWith('[bailout (')) at.deopts++;
    else if (line.startsWith('[marking dependent code')) {
      if (line.includes('reason: weak objects')) at.weakObjects++;
      else at.codeDependencies++;
    } else if (line.includes(' Mark-Compact ')) {
      at.majorGcs++;
      if (line.includes('Mark-Compact (reduce)')) at.reduceGcs++;
    }
  }
  return runs;
}

/** A run as one log line. */
export function jitRunLine(r: JitRun): string {
  return (
    `${r.run}: ${r.compiles} optimized compiles (${r.compileMs.toFixed(0)} ms), ${r.deopts} deopts; ` +
    `code dropped in the idle spell before or in it: ${r.codeDependencies} for changed assumptions, ${r.weakObjects} for dead maps; ` +
    `${r.majorGcs} mark-compacts (${r.reduceGcs} reducing memory)`
  );
}
