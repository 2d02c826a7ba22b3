/**
 * Listing's own cost, with no network: one listing of in-process simulators (plain HTTP) is recorded, then
 * replayed many times through the app's window path (`listToWindow`: the service's streamed `jobs.list`,
 * the job cache, the columns, `v8.serialize`) from a transport that answers each request with its recorded
 * bytes at once, and the recorded `jobs/query` answers through `JSON.parse` alone (what the bare loop does
 * with them). Prints CPU per 1,000 jobs (`process.cpuUsage()`: main thread plus GC helpers) for both, their
 * medians over alternating runs, and the load average, so changes to the listing path can be compared
 * without the rig's noise. Run (bundled as the benchmark is, see build/bench.mjs):
 * `BENCH_ENTRY=test/bench/list-replay.ts node build/bench.mjs [--jobs N] [--servers N] [--services N]
 * [--runs N] [--profile FILE] [--heap-profile FILE]` (a `.heapprofile` file opens in Chrome's DevTools).
 * Under `node --trace-gc-nvp --import tsx` (on this file, or on a bundle made as build/bench.mjs makes it;
 * build/bench.mjs passes no node flags) it prints `leg: start` and `leg: end` around each timed leg (window,
 * then parse, alternating), so each collection's survivors can be billed to its leg, not to the recording.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { RawResponse } from '../../electron/core/arcgis/errors';
import type { FetchLike, FormSender } from '../../electron/core/arcgis/transport';
import { FORM_HEADERS } from '../../electron/core/arcgis/transport';
import { JobAdminService } from '../../electron/core/service/job-admin-service';
import { startSimulator } from '../arcgis-sim/index';
import type { Simulator } from '../arcgis-sim/index';
import { startLeg } from './leg-meter';
import { listToWindow } from './list-bench';
import { median } from './report';
import { loadAverage } from './script-args';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '100000' },
    servers: { type: 'string', default: '3' },
    services: { type: 'string', default: '10' },
    runs: { type: 'string', default: '9' },
    /** Writes a CPU profile of the timed runs only (window and parse) to this file. */
    profile: { type: 'string' },
    /**
     * Writes a sampled allocation profile of the timed runs (every 4 KB allocated, the objects the collector
     * has freed since included) to this file: where the window path allocates, per function.
     */
    'heap-profile': { type: 'string' },
  },
});
const JOBS = Number(values.jobs);
const SERVERS = Number(values.servers);
const RUNS = Number(values.runs);
/** Leg markers for `--trace-gc-nvp` output (see the module comment); printed outside the timed legs. */
const MARKS = process.execArgv.includes('--trace-gc-nvp');

/** A request's key: its url and form without the token (which differs between recording and replay). */
const keyOf = (url: string, body: string): string => `${url}\n${body.replace(/(^|&)token=[^&]*/, '')}`;

/** A transport that answers from `answers`, recording what it does not hold through `live` when given. */
function transport(answers: Map<string, RawResponse>, live: boolean): FetchLike {
  const sendForm: FormSender = async (url, body) => {
    const key = keyOf(url, body);
    const held = answers.get(key);
    // Each answer in a turn of the event loop of its own, as a socket's would arrive: answered at once,
    // every concurrent request's page would be parsed before any is taken, holding them all at once.
    if (held) return new Promise((resolve) => setImmediate(resolve, held));
    if (!live && !url.endsWith('/generateToken')) throw new Error(`replay: no recorded answer for ${key}`);
    const res = await fetch(url, { method: 'POST', headers: FORM_HEADERS, body, redirect: 'manual' });
    const raw: RawResponse = {
      status: res.status,
      statusText: res.statusText,
      contentType: res.headers.get('content-type') ?? '',
      location: res.headers.get('location'),
      text: await res.text(),
    };
    // Tokens are asked for once per client and must stay fresh, so they are never replayed stale.
    if (!url.endsWith('/generateToken')) answers.set(key, raw);
    return raw;
  };
  const f = (async () => {
    throw new Error('replay: only form posts');
  }) as unknown as FetchLike;
  f.sendForm = sendForm;
  return f;
}

async function openService(
  sims: readonly Simulator[],
  answers: Map<string, RawResponse>,
  live: boolean,
): Promise<{ service: JobAdminService; ids: string[]; close(): Promise<void> }> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'gpjobs-replay-'));
  const service = new JobAdminService({
    configDir: path.join(root, 'config'),
    managedProfilesPath: null,
    keychainService: `gp-job-admin-replay-${process.pid}`,
    transport: () => transport(answers, live),
  });
  const ids: string[] = [];
  for (const [i, sim] of sims.entries()) {
    const saved = await service.saveProfile({
      name: `Replay ${i + 1}`,
      serverUrl: sim.url,
      username: sim.username,
      concurrency: 8,
    });
    if (!saved.ok) throw new Error(saved.error.message);
    const pw = await service.setPassword(saved.value.id, sim.password, true);
    if (!pw.ok) throw new Error(pw.error.message);
    ids.push(saved.value.id);
  }
  return {
    service,
    ids,
    close: async () => {
      await service.dispose();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A full collection before a timed section, so it is not billed for the last one's garbage (none when profiling). */
setFlagsFromString('--expose-gc');
const fullGc = runInNewContext('gc') as () => void;
const collect = values.profile || values['heap-profile'] ? () => undefined : fullGc;

/** CPU ms of `work` (this process, every thread: the collector's helpers included) and its collector pauses. */
async function cpuMs(work: () => void | Promise<void>): Promise<{ cpuMs: number; gcMs: number }> {
  collect();
  if (MARKS) console.log('leg: start');
  const end = startLeg();
  await work();
  const cost = await end();
  if (MARKS) console.log('leg: end');
  return cost;
}

async function main(): Promise<void> {
  const sims = await Promise.all(
    Array.from({ length: SERVERS }, (_, i) =>
      startSimulator({
        seed: 1 + i,
        jobs: Math.round(JOBS / SERVERS),
        services: Number(values.services),
        https: false,
      }),
    ),
  );
  const answers = new Map<string, RawResponse>();
  try {
    // Recording: one listing against the simulators (discovery, tokens and every page).
    const rec = await openService(sims, answers, true);
    const recorded = await listToWindow(rec.service, rec.ids);
    await rec.close();
    const pages = [...answers]
      .filter(([k]) => k.split('\n')[0]!.endsWith('/jobs/query'))
      .map(([, a]) => a.text);
    const replay = await openService(sims, answers, false);
    // Tokens (never replayed) and a warm-up of both paths.
    await listToWindow(replay.service, replay.ids);
    for (const t of pages) JSON.parse(t);
    console.log(
      `replay: ${recorded.jobs} jobs, ${SERVERS} servers, ${pages.length} query answers ` +
        `(${(pages.reduce((n, t) => n + t.length, 0) / 1e6).toFixed(1)} MB); load ${loadAverage()}`,
    );
    const session = values.profile || values['heap-profile'] ? new Session() : null;
    if (session) session.connect();
    if (session && values.profile) {
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    if (session && values['heap-profile']) {
      await session.post('HeapProfiler.enable');
      await session.post('HeapProfiler.startSampling', {
        samplingInterval: 4096,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    }
    const windowLegs: Array<{ cpuMs: number; gcMs: number }> = [];
    const parseLegs: Array<{ cpuMs: number; gcMs: number }> = [];
    for (let run = 0; run < RUNS; run++) {
      let jobs = 0;
      windowLegs.push(
        await cpuMs(async () => void (jobs = (await listToWindow(replay.service, replay.ids)).jobs)),
      );
      if (jobs !== recorded.jobs) throw new Error(`replay listed ${jobs} jobs, recorded ${recorded.jobs}`);
      parseLegs.push(
        await cpuMs(() => {
          // Each answer parsed and dropped, as the bare loop does.
          for (const t of pages) if (JSON.parse(t) === null) throw new Error('replay: null answer');
        }),
      );
    }
    if (session && values.profile) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(values.profile, JSON.stringify(profile));
    }
    if (session && values['heap-profile']) {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      writeFileSync(values['heap-profile'], JSON.stringify(profile));
    }
    session?.disconnect();
    const per = (ms: number) => ((1000 * ms) / recorded.jobs).toFixed(3);
    const [windowMs, parseMs] = [windowLegs, parseLegs].map((legs) => legs.map((l) => l.cpuMs)) as [
      number[],
      number[],
    ];
    const gcOf = (legs: ReadonlyArray<{ gcMs: number }>) => per(median(legs.map((l) => l.gcMs)));
    console.log(
      `window path, CPU ms per 1,000 jobs: ${windowMs.map(per).join(' ')}; median ${per(median(windowMs))}, ` +
        `least ${per(Math.min(...windowMs))}`,
    );
    console.log(
      `JSON.parse,  CPU ms per 1,000 jobs: ${parseMs.map(per).join(' ')}; median ${per(median(parseMs))}, ` +
        `least ${per(Math.min(...parseMs))}`,
    );
    console.log(
      `collector pauses, median ms per 1,000 jobs: window ${gcOf(windowLegs)}, parse ${gcOf(parseLegs)}`,
    );
    console.log(
      `window / parse ${(median(windowMs) / median(parseMs)).toFixed(2)}; beyond parsing ` +
        `${per(median(windowMs) - median(parseMs))} ms per 1,000 jobs; load ${loadAverage()}`,
    );
    await replay.close();
  } finally {
    await Promise.all(sims.map((s) => s.close()));
  }
}

await main();
