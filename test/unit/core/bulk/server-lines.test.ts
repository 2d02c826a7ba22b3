import { describe, expect, it } from 'vitest';
import { FakeServer, fail, ids, reset } from './fake-ops';
import { recordingSleep, runOver } from './harness';

const breaker = { threshold: 3, cooldownMs: 1_000, maxProbes: 2 };

describe("a run's per-server lines", () => {
  it('say paused for every running server while the run is paused, and running again after resume', async () => {
    const a = new FakeServer(ids('a', 6), () => 'hang');
    const b = new FakeServer(ids('b', 6), () => 'hang');
    const { run } = runOver(
      [
        { id: 'A', server: a, concurrency: 1 },
        { id: 'B', server: b, concurrency: 1 },
      ],
      'delete',
    );
    await a.until(() => a.calls.length > 0);
    expect(run.snapshot().servers.map((s) => s.state)).toEqual(['running', 'running']);
    run.pause();
    expect(run.snapshot().servers.map((s) => [s.name, s.state])).toEqual([
      ['Server A', 'paused'],
      ['Server B', 'paused'],
    ]);
    run.resume();
    expect(run.snapshot().servers.map((s) => s.state)).toEqual(['running', 'running']);
    run.abort();
    await run.done;
  });

  it('say probing, with the error, while one job probes a server that stopped answering', async () => {
    // Every request is refused until the breaker holds the queue; the probe then hangs (the server is slow
    // to come back), so the line stays "probing" while the healthy server finishes.
    let state = (): string => 'running';
    const down = new FakeServer(ids('d', 20), () => (state() === 'probing' ? 'hang' : fail(reset)));
    const healthy = new FakeServer(ids('h', 5));
    const { sleep } = recordingSleep();
    const { run } = runOver(
      [
        { id: 'D', server: down, concurrency: 1 },
        { id: 'H', server: healthy, concurrency: 2 },
      ],
      'delete',
      { breaker, sleep },
    );
    state = () => run.snapshot().servers[0]!.state;
    await down.until(() => state() === 'probing' && down.calls.length > 0);
    await healthy.until(() => healthy.jobs.size === 0);
    const [line, other] = run.snapshot().servers;
    expect(line).toMatchObject({
      profileId: 'D',
      state: 'probing',
      lastError: { message: 'Connection reset' },
    });
    expect(line!.done).toBeLessThan(20);
    expect(other).toMatchObject({ profileId: 'H', done: 5 });
    run.abort();
    await run.done;
  });
});
