import { expect, test } from './fixtures';

type Api = Record<string, Record<string, (payload?: unknown) => Promise<{ ok: boolean; value?: unknown }>>>;

test.describe('the bridge to the main-process core', () => {
  test('saves a profile, keeps its password in main, and lists the simulator’s jobs', async ({
    app,
    startSimulator,
  }) => {
    const sim = await startSimulator({ jobs: 40, seed: 7 });
    const outcome = await app.page.evaluate(
      async ({ url, caPem, username, password }) => {
        const api = (window as unknown as { gpjobs: Api }).gpjobs;
        const saved = await api.profiles!.save!({
          name: 'Simulated site',
          serverUrl: url,
          authMode: 'server',
          username,
          caCertPem: caPem,
        });
        if (!saved.ok) return { saved };
        const profileId = (saved.value as { id: string }).id;
        const stored = await api.credentials!.set!({ profileId, password, sessionOnly: true });
        const listed = await api.profiles!.list!();
        const jobs = await api.jobs!.list!({ profileId });
        return { saved, stored, listed, jobs };
      },
      { url: sim.url, caPem: sim.caPem, username: sim.username, password: sim.password },
    );

    expect(outcome.saved.ok).toBe(true);
    expect(outcome.stored).toEqual({ ok: true, value: { stored: 'session' } });
    expect(JSON.stringify(outcome.listed)).not.toContain(sim.password);
    expect(outcome.jobs?.ok).toBe(true);
    const jobs = (outcome.jobs?.value as { jobs: unknown[] }).jobs;
    expect(sim.jobs()).toHaveLength(40);
    expect(jobs).toHaveLength(40);
  });
});
