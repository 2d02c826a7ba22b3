/**
 * JIT warm-up of a simulator process (the CLI's `--warm-up N`): before the real sites print their lines,
 * a throwaway site in the same process answers N job deletes and a page of `jobs/query` per service over
 * real TLS, so V8 has optimised the listener, parser, router and store by the time a benchmark measures.
 * A real ArcGIS Server does not start cold; a Node process does, and a simulator that is still compiling
 * its own hot path spends two to three times the CPU per request on the cores the client is measured on.
 * The throwaway site has its own store, port and statistics: the served sites see none of its requests.
 */
import { Agent, request } from 'node:https';
import type { RequestOptions } from 'node:https';
import { request as httpRequest } from 'node:http';
import { startSimulator } from './index';
import type { SimOptions } from './types';

/** Requests the warm-up keeps in flight at once: more than the benchmark's capacity of 8, so it queues. */
const CONCURRENCY = 12;

function post(url: URL, body: string, agent: Agent | undefined, ca: string): Promise<string> {
  const options: RequestOptions = {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body),
    },
    ...(agent ? { agent, ca } : {}),
  };
  const send = url.protocol === 'https:' ? request : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end(body);
  });
}

/**
 * Runs `requests` deletes (and one query page per service) against a throwaway site built like `like`
 * (same scheme, context path, query shape and capacity; 1 ms of latency when `like` has any, so the timer
 * path is compiled too without the warm-up taking long), then closes it.
 */
export async function warmUp(requests: number, like: SimOptions): Promise<void> {
  if (requests <= 0) return;
  const sim = await startSimulator({
    ...(like.https !== undefined ? { https: like.https } : {}),
    ...(like.contextPath !== undefined ? { contextPath: like.contextPath } : {}),
    ...(like.queryShape !== undefined ? { queryShape: like.queryShape } : {}),
    seed: 9_999,
    jobs: requests,
    services: like.services ?? 6,
    maxRecordedRequests: 100,
    latencyMs: (like.latencyMs ?? 0) > 0 ? 1 : 0,
    ...(like.capacity !== undefined ? { capacity: like.capacity } : {}),
  });
  const https = sim.url.startsWith('https:');
  const agent = https ? new Agent({ keepAlive: true, maxSockets: CONCURRENCY }) : undefined;
  try {
    const admin = `${sim.url}/admin`;
    const form = `username=${encodeURIComponent(sim.username)}&password=${encodeURIComponent(sim.password)}`;
    const tokenAnswer = await post(
      new URL(`${admin}/generateToken`),
      `${form}&client=requestip&f=json`,
      agent,
      sim.caPem,
    );
    const token = encodeURIComponent((JSON.parse(tokenAnswer) as { token: string }).token);
    const jobs = sim.jobs();
    const services = [...new Set(jobs.map((j) => j.service))];
    const path = (service: string) => service.split('/').map(encodeURIComponent).join('/');
    const tasks: string[] = [
      ...services.map((s) => `${admin}/services/${path(s)}.GPServer/jobs/query`),
      ...jobs.map(
        (j) => `${admin}/services/${path(j.service)}.GPServer/jobs/${encodeURIComponent(j.jobId)}/delete`,
      ),
    ];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < tasks.length) {
        const url = tasks[next++]!;
        await post(new URL(url), `startTime=0&number=1000&token=${token}&f=json`, agent, sim.caPem);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    agent?.destroy();
    await sim.close();
  }
}
