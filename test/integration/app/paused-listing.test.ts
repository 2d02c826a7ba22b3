/**
 * A listing that finds its server paused by an answer to another request (a job's detail answered
 * `429 Retry-After`, whose reads are quiet) says why and until when while it waits, then lists: the
 * sidebar's and the CLI's retry notice. Real simulator over HTTPS, real keychain.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../arcgis-sim/index';
import { testService } from '../keychain/keychain-service';
import { addSimProfile } from './sim-profile';
import { JobAdminService } from '../../../electron/core';
import type { ConnectionState } from '../../../electron/core';
import type { ServerHold } from '../../../electron/core/arcgis/retry-after';

let sim: Simulator;
let service: JobAdminService;
let configDir: string;
let profileId: string;

beforeEach(async () => {
  sim = await startSimulator({ jobs: 30, seed: 67 });
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpja-paused-'));
  service = new JobAdminService({ configDir, managedProfilesPath: null, keychainService: testService() });
  profileId = await addSimProfile(service, sim, { name: 'Paused' });
});

afterEach(async () => {
  await service.dispose();
  await sim.close();
  fs.rmSync(configDir, { recursive: true, force: true });
});

/** Resolves with the pause's end once `hold` is paused. */
function pauseOf(hold: ServerHold): Promise<number> {
  return new Promise((resolve) => {
    const stop = hold.watch(() => {
      if (hold.pausedUntil === 0) return;
      stop();
      resolve(hold.pausedUntil);
    });
  });
}

describe('a listing held by a pause another request heard', () => {
  it("says why (the detail's 429) and until when before it is sent, then withdraws it and lists", async () => {
    const first = await service.listJobs(profileId);
    const client = await service.client(profileId);
    if (!first.ok || !client.ok) throw new Error('no listing');
    const job = first.value.jobs[0]!;
    const ofJob = (p: string): boolean => p.endsWith(`/jobs/${job.jobId}`);
    // The job's admin record is answered as a gateway's rate limit once; the test removes the rule after.
    const removeFault = sim.addFault({
      kind: 'http429',
      retryAfter: '1',
      count: 1,
      match: (r) => ofJob(r.path),
    });
    const pausing = pauseOf(client.value.hold);
    const detail = service.jobDetail(profileId, job.service, job.jobId); // a quiet read: tells nobody
    const until = await pausing;

    const states: ConnectionState[] = [];
    const unsubscribe = service.connections.subscribe((s) => states.push(s));
    const listed = await service.listJobs(profileId);
    unsubscribe();
    removeFault();
    expect(listed.ok && listed.value.jobs).toHaveLength(30);
    expect((await detail).ok).toBe(true);

    const noticed = states.filter((s) => s.retry);
    expect(noticed.length).toBeGreaterThan(0);
    expect(noticed[0]).toMatchObject({
      state: 'connecting',
      retry: {
        attempt: 1,
        attempts: 4,
        paused: true,
        reason: { kind: 'server', code: 429, retryAfterMs: 1_000 },
      },
    });
    const { at, waitMs } = noticed[0]!.retry!;
    expect(at + waitMs).toBeGreaterThanOrEqual(until); // until when: the pause's end (told a moment after)
    expect(at + waitMs).toBeLessThan(until + 1_000);
    // Every read that waited got through: the notice is withdrawn before the listing ends.
    const withdrawn = states.findIndex((s, i) => i > states.indexOf(noticed.at(-1)!) && !s.retry);
    expect(states[withdrawn]).toMatchObject({ state: 'connecting' });
    expect(states.at(-1)).toMatchObject({ state: 'connected', error: null });
    expect(states.at(-1)!.retry).toBeUndefined();
  });
});
