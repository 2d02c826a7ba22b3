/**
 * What one timed leg of a pair cost this process, taken apart: CPU of every thread (`process.cpuUsage()`,
 * what the figures count), the main thread's own CPU and its wake-ups (Linux's per-thread schedstat and
 * voluntary context switches), and the collector's pauses (`gc` performance entries, by start time). It
 * shows where a leg's CPU went, so the spread between pairs can be put down to a cause, not guessed at.
 */
import { readFileSync } from 'node:fs';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import type { PerformanceEntry } from 'node:perf_hooks';

/** One leg's costs in ms (`mainMs`, `wakeups` null where /proc is not readable). */
export interface LegCost {
  cpuMs: number;
  /** The main thread's CPU: the JavaScript, the event loop and its syscalls. */
  mainMs: number | null;
  /** Every other thread: V8's compiler and collector helpers, libuv's pool. */
  otherMs: number | null;
  /** Collector pauses on the main thread: their ms, how many, and how many were major (mark-compact). */
  gcMs: number;
  gcs: number;
  majorGcs: number;
  /** Times the main thread went to sleep and was woken (voluntary context switches). */
  wakeups: number | null;
  /** The V8 heap in use when the leg ended (MB), to see a heap grow across legs. */
  heapMb: number;
}

const TASK = `/proc/self/task/${process.pid}`;

function mainThread(): { ns: number; switches: number } | null {
  try {
    const ns = Number(readFileSync(`${TASK}/schedstat`, 'utf8').split(' ')[0]);
    const status = readFileSync(`${TASK}/status`, 'utf8');
    const switches = Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(ns) && Number.isFinite(switches) ? { ns, switches } : null;
  } catch {
    return null;
  }
}

/** Collector pauses seen so far (start time, duration, major), oldest first; entries arrive after the pause. */
const pauses: Array<{ at: number; ms: number; major: boolean }> = [];
let observer: PerformanceObserver | null = null;
/** NODE_PERFORMANCE_GC_MAJOR: a mark-compact. */
const MAJOR = 4;

/** Moves the collector's entries the observer holds but has not delivered yet into `pauses`. */
function take(entries: readonly PerformanceEntry[]): void {
  for (const e of entries) {
    const major = (e as { detail?: { kind?: number } }).detail?.kind === MAJOR;
    pauses.push({ at: e.startTime, ms: e.duration, major });
  }
}

/**
 * Starts counting one leg; the returned function ends it and resolves the leg's costs. Its CPU and clock
 * are read at once; the collector's pauses one event-loop turn later: Node reports a pause from a native
 * immediate after it ends, so a pause in the leg's last turn had no entry yet when the leg ended (and went
 * uncounted, or into the next leg's count had its start time not been checked).
 */
export function startLeg(): () => Promise<LegCost> {
  if (!observer) {
    observer = new PerformanceObserver((list) => take(list.getEntries()));
    observer.observe({ entryTypes: ['gc'] });
  }
  const gcObserver = observer;
  // The meter's own /proc reads stay outside the leg's CPU: the thread's counters first, the process's last.
  const main0 = mainThread();
  const [cpu0, t0] = [process.cpuUsage(), performance.now()];
  return async () => {
    const cpu = process.cpuUsage(cpu0);
    const [main1, t1] = [mainThread(), performance.now()];
    const heapMb = process.memoryUsage().heapUsed / 1e6;
    await new Promise((resolve) => setImmediate(resolve));
    take(gcObserver.takeRecords());
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const mainMs = main0 && main1 ? (main1.ns - main0.ns) / 1e6 : null;
    // By start time: a pause's entry is delivered later, possibly in the next leg.
    const inLeg = pauses.filter((p) => p.at >= t0 && p.at < t1);
    pauses.splice(0, pauses.length - 1000);
    return {
      cpuMs,
      mainMs,
      otherMs: mainMs == null ? null : cpuMs - mainMs,
      gcMs: inLeg.reduce((n, p) => n + p.ms, 0),
      gcs: inLeg.length,
      majorGcs: inLeg.filter((p) => p.major).length,
      wakeups: main0 && main1 ? main1.switches - main0.switches : null,
      heapMb,
    };
  };
}

/** One line of a leg's costs per unit (`per` requests or jobs), for the log. */
export function legLine(c: LegCost, per: number): string {
  const f = (ms: number | null) => (ms == null ? 'n/a' : ((ms * 1000) / per).toFixed(1));
  return (
    `CPU ${f(c.cpuMs)} µs (main ${f(c.mainMs)}, other threads ${f(c.otherMs)}, GC pauses ${f(c.gcMs)}, ` +
    `${c.majorGcs} major), wake-ups ${c.wakeups == null ? 'n/a' : (c.wakeups / per).toFixed(2)} per unit`
  );
}

/** One line of a leg's costs in all (ms), for legs of thousands of units such as a listing. */
export function legTotals(c: LegCost): string {
  const f = (ms: number | null) => (ms == null ? 'n/a' : ms.toFixed(0));
  return (
    `CPU ${f(c.cpuMs)} ms (main ${f(c.mainMs)}, other threads ${f(c.otherMs)}, GC pauses ${f(c.gcMs)} in ` +
    `${c.gcs}, ${c.majorGcs} major), ${c.wakeups ?? 'n/a'} wake-ups, heap ${c.heapMb.toFixed(0)} MB at end`
  );
}
