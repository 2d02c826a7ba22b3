/**
 * The bare loop: what plain undici requests cost for the same work as the app, with no engine, no client,
 * no audit log. It deletes the same kind of jobs and reads the same job pages (fetch + JSON.parse) at the
 * same concurrency per server against the same simulators, in the same run as the app's path, so
 * `bulk_vs_bare_ratio`, `list_vs_bare_ratio` and `bulk_cpu_vs_bare_ratio` compare like with like. The
 * benchmark runs it in a process of its own (bare-process.ts), so neither side collects the other's garbage.
 */
import { performance } from 'node:perf_hooks';
import { Agent } from 'undici';
import { startLeg } from './leg-meter';
import type { LegCost } from './leg-meter';
import type { SimProcess } from './sim-fleet';

/** One server as the bare loop talks to it: its own keep-alive pool, token and admin root. */
export interface BareServer {
  agent: Agent;
  origin: string;
  /** Path of the site's admin root, e.g. `/arcgis/admin`. */
  adminPath: string;
  token: string;
}

/** Time and CPU (this process, user + system) of one bare pass. */
export interface BareFigures {
  ms: number;
  cpuMs: number;
  requests: number;
  /** Deletes the server did not confirm, or pages that were not a job page. */
  failed: number;
  /** Jobs read (listing) or deleted. */
  jobs: number;
  /** The pass's CPU taken apart (main thread, other threads, collector, wake-ups). */
  cost: LegCost;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** Errors of a kept-alive connection the server closed (its idle timeout passed while this process was busy). */
const STALE_CONNECTION = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/**
 * POSTs a form and parses the answer. A request on a kept-alive connection the server had just closed is
 * sent again on a new one (up to twice), as the app's client retries a read: on a loaded machine the
 * simulators' idle timeout can pass between two passes, and a stale socket then ends the request with
 * "other side closed" (`UND_ERR_SOCKET`) or a reset (`ECONNRESET`) before the server has read it.
 */
async function post(
  s: BareServer,
  path: string,
  body: string,
  retries = 2,
): Promise<Record<string, unknown>> {
  try {
    const r = await s.agent.request({ origin: s.origin, path, method: 'POST', headers: FORM, body });
    return JSON.parse(await r.body.text()) as Record<string, unknown>;
  } catch (e) {
    if (retries <= 0 || !STALE_CONNECTION.has((e as { code?: string }).code ?? '')) throw e;
    return post(s, path, body, retries - 1);
  }
}

/** Opens a pool to each simulator (`concurrency` + 2 connections, as the app's) and fetches a token. */
export async function openBareServers(
  sims: readonly SimProcess[],
  concurrency: number,
): Promise<BareServer[]> {
  return Promise.all(
    sims.map(async (sim) => {
      const url = new URL(sim.url);
      const agent = new Agent({
        connections: concurrency + 2,
        keepAliveTimeout: 30_000,
        connect: { ca: sim.caPem },
      });
      const server: BareServer = { agent, origin: url.origin, adminPath: `${url.pathname}/admin`, token: '' };
      const form = new URLSearchParams({
        username: sim.username,
        password: sim.password,
        client: 'requestip',
        f: 'json',
      });
      const answer = await post(server, `${server.adminPath}/generateToken`, form.toString());
      if (typeof answer.token !== 'string') throw new Error(`bare loop: no token from ${sim.url}`);
      server.token = answer.token;
      return server;
    }),
  );
}

/** Closes every pool. */
export async function closeBareServers(servers: readonly BareServer[]): Promise<void> {
  await Promise.all(servers.map((s) => s.agent.close()));
}

/** Runs `tasks` with at most `concurrency` at once. */
async function pool<T>(
  tasks: readonly T[],
  concurrency: number,
  work: (task: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) await work(tasks[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
}

/** The admin path of a service id (`Folder/Name` for GP, `Folder/Name.MapServer` for another type). */
function servicePath(service: string): string {
  const typed = /\.(GPServer|MapServer|ImageServer)$/.test(service) ? service : `${service}.GPServer`;
  return typed.split('/').map(encodeURIComponent).join('/');
}

function measure(
  run: () => Promise<{ requests: number; failed: number; jobs: number }>,
): Promise<BareFigures> {
  const end = startLeg();
  const t0 = performance.now();
  return run().then(async (r) => {
    const ms = performance.now() - t0;
    const cost = await end();
    return { ms, cpuMs: cost.cpuMs, ...r, cost };
  });
}

/** Deletes `jobs[i]` (service id and job id) on `servers[i]`, `concurrency` at a time per server. */
export function bareDelete(
  servers: readonly BareServer[],
  jobs: ReadonlyArray<ReadonlyArray<{ service: string; jobId: string }>>,
  concurrency: number,
): Promise<BareFigures> {
  return measure(async () => {
    let [requests, failed] = [0, 0];
    await Promise.all(
      servers.map((s, i) =>
        pool(jobs[i] ?? [], concurrency, async (job) => {
          const path = `${s.adminPath}/services/${servicePath(job.service)}/jobs/${encodeURIComponent(job.jobId)}/delete`;
          const answer = await post(s, path, `token=${s.token}&f=json`);
          requests++;
          if (answer.status !== 'success') failed++;
        }),
      ),
    );
    return { requests, failed, jobs: requests - failed };
  });
}

/**
 * Reads every job of `services[i]` on `servers[i]` as the client does: the first page of each service
 * (the largest page the server allows), then, once its `total` is known, the other pages at once, all
 * within `concurrency` requests per server. Each page is parsed; the jobs are counted, not kept.
 */
export function bareList(
  servers: readonly BareServer[],
  services: ReadonlyArray<readonly string[]>,
  concurrency: number,
  pageSize = 1000,
): Promise<BareFigures> {
  return measure(async () => {
    let [requests, failed, jobs] = [0, 0, 0];
    await Promise.all(
      servers.map(async (s, i) => {
        let active = 0;
        const waiting: Array<() => void> = [];
        const slot = async <T>(work: () => Promise<T>): Promise<T> => {
          if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
          else active++;
          try {
            return await work();
          } finally {
            const wake = waiting.shift();
            if (wake) wake();
            else active--;
          }
        };
        const page = (service: string, start: number) =>
          slot(async () => {
            const path = `${s.adminPath}/services/${servicePath(service)}/jobs/query`;
            const form = `startTime=0&number=${pageSize}&start=${start}&token=${s.token}&f=json`;
            const answer = await post(s, path, form);
            requests++;
            const listed = answer.jobs ?? answer.results;
            const count = Array.isArray(listed) ? listed.length : listed ? Object.keys(listed).length : -1;
            if (count < 0) failed++;
            else jobs += count;
            return typeof answer.total === 'number' ? answer.total : 0;
          });
        await Promise.all(
          (services[i] ?? []).map(async (service) => {
            const total = await page(service, 1);
            const more = Math.max(0, Math.ceil((total - pageSize) / pageSize));
            await Promise.all(Array.from({ length: more }, (_, p) => page(service, 1 + pageSize * (p + 1))));
          }),
        );
      }),
    );
    return { requests, failed, jobs };
  });
}
