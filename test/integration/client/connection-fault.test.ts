/**
 * The shared rule that names what happened to a connection (electron/shared/connection-errors.ts), held to
 * the errors a real client makes against the simulator's real sockets: a connection the server accepted and
 * then closed reads as closed, one it refused as refused, an HTTP 500 as no connection fault at all. The
 * fault is a field of the error, so it reads the same after the JSON the renderer receives.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../arcgis-sim';
import { startSimulator } from '../../arcgis-sim';
import { connectionFault, detailSource } from '../../../electron/shared/connection-errors';
import { Clients } from './helpers';

let sim: Simulator;
let service: string;
const clients = new Clients();
const onJobs = (r: { path: string }): boolean => r.path.includes('/jobs/');

beforeAll(async () => {
  sim = await startSimulator({ seed: 41, jobs: 20, services: 2, jobDurationMs: Infinity });
  service = sim.services().find((s) => s.asynchronous)!.id;
});

afterEach(async () => {
  sim.clearFaults();
  await clients.closeAll();
});

afterAll(async () => {
  await sim.close();
});

describe('connectionFault on the errors of a real client', () => {
  it('a connection closed by the server is closed, its detail the connection’s', async () => {
    const client = clients.make(sim, {}, { timeoutMs: 2000 });
    expect((await client.testConnection()).ok).toBe(true);
    sim.addFault({ kind: 'reset', match: onJobs });
    const r = await client.jobStatistics(service);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.fault).toBe('closed');
    expect(connectionFault(r.error)).toBe('closed');
    expect(connectionFault(JSON.parse(JSON.stringify(r.error)))).toBe('closed');
    expect(detailSource(r.error)).toBe('connection');
  });

  it('a refused connection is refused', async () => {
    const client = clients.make(sim, {}, { timeoutMs: 2000 });
    await sim.setDown(true);
    const r = await client.testConnection().finally(() => sim.setDown(false));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.fault).toBe('refused');
    expect(connectionFault(JSON.parse(JSON.stringify(r.error)))).toBe('refused');
  });

  it('an HTTP error is no connection fault: the detail is the server’s', async () => {
    const client = clients.make(sim, {}, { timeoutMs: 2000 });
    expect((await client.testConnection()).ok).toBe(true);
    sim.addFault({ kind: 'http500', match: onJobs });
    const r = await client.jobStatistics(service);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.fault).toBeUndefined();
    expect(connectionFault(r.error)).toBeNull();
    expect(detailSource(r.error)).toBe('server');
  });
});
