import { describe, expect, it } from 'vitest';
import { planBulk } from '../../../../electron/core/bulk/plan';
import { PLAN_TTL_MS, PlanRegistry, type PlanSources } from '../../../../electron/core/bulk/plan-registry';
import type { BulkJob, BulkProfile } from '../../../../electron/core/bulk/types';

const profiles: BulkProfile[] = [
  { id: 'p1', name: 'Prod', concurrency: 8, production: true, serverUrl: 'https://prod/arcgis' },
  { id: 'p2', name: 'Test', concurrency: 4, production: false, serverUrl: 'https://test/arcgis' },
];

const listed: BulkJob[] = [
  { profileId: 'p1', service: 'Tools/Buffer', jobId: 'a', status: 'esriJobSucceeded' },
  { profileId: 'p1', service: 'Tools/Buffer', jobId: 'b', status: 'esriJobExecuting' },
  { profileId: 'p2', service: 'Clip', jobId: 'c', status: 'esriJobFailed' },
];

/** The servers' listings as a map the sources read, editable by each test. */
function sources(jobs: readonly BulkJob[] = listed, current: readonly BulkProfile[] = profiles) {
  const byKey = new Map(jobs.map((j) => [`${j.profileId}|${j.service}|${j.jobId}`, j]));
  const src: PlanSources & { byKey: typeof byKey } = {
    byKey,
    find: (j) => byKey.get(`${j.profileId}|${j.service}|${j.jobId}`),
    profiles: current,
  };
  return src;
}

function clock() {
  const c = { t: 1_000_000, now: () => c.t };
  return c;
}

const plan = planBulk(listed, 'delete', profiles);

describe('PlanRegistry', () => {
  it('gives a held plan out once, unchanged, under a fresh id', () => {
    const registry = new PlanRegistry();
    const held = registry.hold(plan, sources());
    const other = registry.hold(plan, sources());
    expect(held.planId).not.toBe(other.planId);
    expect(held.plan).toBe(plan);
    const taken = registry.take(held.planId, sources());
    expect(taken).toEqual({ ok: true, value: plan });
    const again = registry.take(held.planId, sources());
    expect(again).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    if (!again.ok)
      expect(again.error.message).toMatch(
        /already started, discarded or has expired.*the action has to be planned again/,
      );
  });

  it('refuses an unknown id and a discarded plan', () => {
    const registry = new PlanRegistry();
    expect(registry.take('no-such-plan', sources()).ok).toBe(false);
    const held = registry.hold(plan, sources());
    expect(registry.discard(held.planId)).toBe(true);
    expect(registry.discard(held.planId)).toBe(false);
    expect(registry.take(held.planId, sources()).ok).toBe(false);
  });

  it('lets a plan expire after its time', () => {
    const c = clock();
    const registry = new PlanRegistry({ now: c.now });
    const held = registry.hold(plan, sources());
    const kept = registry.hold(plan, sources());
    c.t += PLAN_TTL_MS - 1;
    expect(registry.take(kept.planId, sources()).ok).toBe(true);
    c.t += 2;
    expect(registry.take(held.planId, sources()).ok).toBe(false);
  });

  it('holds a bounded number of plans, forgetting the oldest first', () => {
    const registry = new PlanRegistry({ capacity: 2 });
    const first = registry.hold(plan, sources());
    const second = registry.hold(plan, sources());
    const third = registry.hold(plan, sources());
    expect(registry.take(first.planId, sources()).ok).toBe(false);
    expect(registry.take(second.planId, sources()).ok).toBe(true);
    expect(registry.take(third.planId, sources()).ok).toBe(true);
  });

  it('still runs a plan whose jobs were listed again unchanged', () => {
    const registry = new PlanRegistry();
    const held = registry.hold(plan, sources());
    const relisted = listed.map((j) => ({ ...j }));
    expect(registry.take(held.planId, sources(relisted)).ok).toBe(true);
  });

  it('refuses a plan one of whose jobs changed status, naming it and its server', () => {
    const registry = new PlanRegistry();
    const held = registry.hold(plan, sources());
    const now = sources();
    now.byKey.set('p1|Tools/Buffer|b', { ...listed[1]!, status: 'esriJobSucceeded' });
    const taken = registry.take(held.planId, now);
    expect(taken.ok).toBe(false);
    if (!taken.ok) {
      expect(taken.error.message).toContain('Job b on Prod changed on the server after this plan was made');
      expect(taken.error.message).toContain('Nothing was changed');
    }
  });

  it('re-checks only the jobs of servers listed again since the plan, by their listing token', () => {
    const registry = new PlanRegistry();
    const tokens = new Map<string, unknown>([
      ['p1', {}],
      ['p2', {}],
    ]);
    const withTokens = (src: ReturnType<typeof sources>) => {
      const asked: string[] = [];
      const find = src.find;
      src.find = (j) => (asked.push(j.jobId), find(j));
      src.generation = (id) => tokens.get(id);
      return Object.assign(src, { asked });
    };
    // Same tokens: nothing changed on any server, no job is looked up again.
    const quiet = withTokens(sources());
    expect(registry.take(registry.hold(plan, withTokens(sources())).planId, quiet).ok).toBe(true);
    expect(quiet.asked).toEqual([]);
    // Test listed again (new token) with job c now gone: only its jobs are looked up, and the change found.
    const held = registry.hold(plan, withTokens(sources()));
    tokens.set('p2', {});
    const now = withTokens(sources(listed.slice(0, 2)));
    const taken = registry.take(held.planId, now);
    expect(now.asked).toEqual(['c']);
    expect(taken.ok).toBe(false);
    if (!taken.ok) expect(taken.error.message).toContain('Job c on Test changed');
  });

  it('refuses a plan whose listed jobs are no longer listed, counting them', () => {
    const registry = new PlanRegistry();
    const held = registry.hold(plan, sources());
    const taken = registry.take(held.planId, sources([]));
    expect(taken.ok ? '' : taken.error.message).toContain('Job a on Prod and 2 other jobs changed');
  });

  it('keeps a plan of never-listed jobs unless a listing then shows them otherwise', () => {
    const registry = new PlanRegistry();
    const unlisted = planBulk(listed, 'cancel', profiles);
    const held = registry.hold(unlisted, sources([]));
    expect(registry.take(held.planId, sources([])).ok).toBe(true);
    const again = registry.hold(unlisted, sources([]));
    expect(registry.take(again.planId, sources()).ok).toBe(true); // listed now, same statuses
    const third = registry.hold(unlisted, sources([]));
    const changed = sources([{ ...listed[2]!, status: 'esriJobSucceeded' }]);
    expect(registry.take(third.planId, changed).ok).toBe(false);
  });

  it('refuses a plan whose server was removed, moved to another URL or switched to production', () => {
    const registry = new PlanRegistry();
    const cases: BulkProfile[][] = [
      [profiles[0]!],
      [profiles[0]!, { ...profiles[1]!, serverUrl: 'https://elsewhere/arcgis' }],
      [profiles[0]!, { ...profiles[1]!, production: true }],
    ];
    for (const current of cases) {
      const held = registry.hold(plan, sources());
      const taken = registry.take(held.planId, sources(listed, current));
      expect(taken.ok ? '' : taken.error.message).toContain('The server Test was removed or edited');
    }
    const renamed = registry.hold(plan, sources());
    const names = [profiles[0]!, { ...profiles[1]!, name: 'Test (renamed)', concurrency: 2 }];
    expect(registry.take(renamed.planId, sources(listed, names)).ok).toBe(true);
  });
});
