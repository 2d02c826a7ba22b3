/**
 * The listing's wall-clock structure, app against bare loop: the list part's 100,000 jobs (3 simulators in
 * child processes, 10 GP services each, over HTTPS, 20 ms latency, 8 requests at once) listed by
 * `listToWindow` and read by `bareList` in alternating legs in this one process, each after the same idle
 * spell. Per leg it prints, per server, the requests sent (job pages and others: the app's discovery, which
 * it runs on every listing), the mean number in flight from the first request to the last answer, and the
 * median and largest time a request took (undici's diagnostics channels: created to trailers), then this
 * process's CPU and the simulators' CPU (from /proc, 10 ms ticks). It answers whether the app keeps as many
 * requests in flight as the bare loop, and what the simulators' share of the machine is: on a machine of
 * two cores they use about as much CPU per listing as both clients together, so a listing is CPU-bound and
 * the client's CPU shows in its wall time. Both sides share this process's heap, unlike the benchmark,
 * which runs the bare loop in a process of its own: compare CPU and time with the benchmark's own legs.
 * Run bundled, as the benchmark runs: `BENCH_ENTRY=test/bench/list-flight.ts node build/bench.mjs
 * [--runs N] [--jobs N] [--idle MS]`.
 */
import dc from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { bareList, closeBareServers, openBareServers } from './bare-loop';
import { openBenchCore } from './core-setup';
import { listToWindow } from './list-bench';
import { median } from './report';
import { loadAverage } from './script-args';
import { childrenOf, processCpuMs, startFleet } from './sim-fleet';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    jobs: { type: 'string', default: '100000' },
    idle: { type: 'string', default: '1000' },
  },
});

/** One request: its origin, whether it was a job page, and when it was made and answered in full. */
interface Flight {
  origin: string;
  page: boolean;
  t0: number;
  t1: number;
}

let flights: Flight[] = [];
const open = new WeakMap<object, Flight>();
dc.channel('undici:request:create').subscribe((m) => {
  const { request } = m as { request: { origin: string; path: string } };
  const f = {
    origin: String(request.origin),
    page: request.path.endsWith('/jobs/query'),
    t0: performance.now(),
    t1: NaN,
  };
  open.set(request, f);
  flights.push(f);
});
dc.channel('undici:request:trailers').subscribe((m) => {
  const f = open.get((m as { request: object }).request);
  if (f) f.t1 = performance.now();
});

/** One line per server of a leg's flights. */
function serverLines(start: number): string[] {
  const byOrigin = new Map<string, Flight[]>();
  for (const f of flights) byOrigin.set(f.origin, [...(byOrigin.get(f.origin) ?? []), f]);
  return [...byOrigin].map(([origin, fs]) => {
    const first = Math.min(...fs.map((f) => f.t0));
    const last = Math.max(...fs.map((f) => f.t1));
    const busy = fs.reduce((n, f) => n + f.t1 - f.t0, 0);
    const took = fs.map((f) => f.t1 - f.t0);
    const pages = fs.filter((f) => f.page).length;
    return (
      `  ${origin}: ${pages} pages + ${fs.length - pages} other requests, first sent at ` +
      `${(first - start).toFixed(0)} ms, last answer at ${(last - start).toFixed(0)} ms, ` +
      `${(busy / (last - first)).toFixed(2)} in flight on average, each ${median(took).toFixed(0)} ms ` +
      `(median), ${Math.max(...took).toFixed(0)} at most`
    );
  });
}

const fleet = await startFleet({
  servers: 3,
  jobs: Number(values.jobs),
  services: 10,
  latencyMs: 20,
  capacity: 8,
  seed: 201,
  warmUp: 100,
});
const simCpu = (): number =>
  childrenOf(fleet.sims).reduce((n, s) => n + (processCpuMs(s.child.pid ?? 0) ?? NaN), 0);
const core = await openBenchCore(fleet.sims, 8);
const ids = core.profiles.map((p) => p.id);
const bare = await openBareServers(fleet.sims, 8);
try {
  const services = await Promise.all(
    core.profiles.map(async (p) => {
      const c = await core.service.client(p.id);
      const found = c.ok ? await c.value.discoverServices() : c;
      if (!found.ok) throw new Error(`discovery: ${found.error.message}`);
      return found.value.filter((s) => s.asynchronous).map((s) => s.id);
    }),
  );
  const legs = {
    app: async () => void (await listToWindow(core.service, ids)),
    bare: async () => void (await bareList(bare, services, 8)),
  };
  for (let i = 0; i < 2; i++) for (const leg of Object.values(legs)) await leg();
  const totals: Record<string, { ms: number[]; cpu: number[]; sim: number[] }> = {};
  for (let run = 0; run < Number(values.runs); run++) {
    for (const [name, leg] of Object.entries(legs)) {
      await new Promise((resolve) => setTimeout(resolve, Number(values.idle)));
      flights = [];
      const [sim0, cpu0, t0] = [simCpu(), process.cpuUsage(), performance.now()];
      await leg();
      const ms = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const figures = { ms, cpu: (cpu.user + cpu.system) / 1000, sim: simCpu() - sim0 };
      const t = (totals[name] ??= { ms: [], cpu: [], sim: [] });
      for (const k of ['ms', 'cpu', 'sim'] as const) t[k].push(figures[k]);
      console.log(
        `list-flight: run ${run + 1} ${name}: ${ms.toFixed(0)} ms, CPU ${figures.cpu.toFixed(0)} ms, ` +
          `simulators' CPU ${figures.sim.toFixed(0)} ms; load ${loadAverage()}`,
      );
      for (const line of serverLines(t0)) console.log(line);
    }
  }
  for (const [name, t] of Object.entries(totals))
    console.log(
      `list-flight: ${name} medians: ${median(t.ms).toFixed(0)} ms, CPU ${median(t.cpu).toFixed(0)} ms, ` +
        `simulators' CPU ${median(t.sim).toFixed(0)} ms (legs: ${t.ms.map((x) => x.toFixed(0)).join('/')})`,
    );
} finally {
  await closeBareServers(bare);
  await core.dispose();
  await fleet.close();
}
