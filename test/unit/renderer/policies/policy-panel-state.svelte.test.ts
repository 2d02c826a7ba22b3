import { describe, expect, it } from 'vitest';
import { PolicyPanelState } from '../../../../renderer/src/components/policies/policies.svelte';
import type { BulkPlanView, PolicyPreviewView } from '../../../../renderer/src/lib/contract-types';
import { fail, fakeApi, ok } from '../lib/fake-api';

function preview(previewId: string, eligible: number): PolicyPreviewView {
  const plan: BulkPlanView = {
    action: 'delete',
    total: eligible,
    eligible,
    skipped: 0,
    running: 0,
    servers: [],
    requiresTypedConfirmation: false,
  };
  return {
    previewId,
    name: 'Nightly',
    at: 0,
    servers: ['A'],
    skippedProduction: [],
    problems: [],
    warnings: [],
    plan,
    overCap: null,
  };
}

function setup(eligible: number[]) {
  const fake = fakeApi();
  let n = 0;
  fake.answer('policies.preview', () => ok(preview(`p-${n + 1}`, eligible[n++] ?? 0)));
  const followed: string[] = [];
  const panel = new PolicyPanelState(fake.api, { active: false, follow: (runId) => followed.push(runId) });
  return { fake, panel, followed };
}

const STALE =
  'Job j1 on A changed on the server after this plan was made (the jobs were listed again). Nothing was changed; the action has to be planned again.';

describe('PolicyPanelState: Run now', () => {
  it('previews the policy again when its confirmed run is refused as stale, and runs only the new preview', async () => {
    const { fake, panel, followed } = setup([3, 2]);
    fake.answer('policies.start', ({ previewId }) =>
      previewId === 'p-1' ? fail('invalid-input', STALE) : ok({ runId: 'r1', plan: preview('p-2', 2).plan }),
    );
    await panel.runNow('Nightly');
    expect(panel.confirming?.previewId).toBe('p-1');
    expect(panel.replanned).toBeNull();
    await panel.confirm();
    expect(followed).toEqual([]);
    expect(panel.error).toBeNull();
    expect(panel.confirming?.previewId).toBe('p-2');
    expect(panel.replanned).toEqual({ reason: STALE, eligibleBefore: 3 });
    await panel.confirm();
    expect(fake.payloads('policies.start')).toEqual([{ previewId: 'p-1' }, { previewId: 'p-2' }]);
    expect(followed).toEqual(['r1']);
    expect(panel.confirming).toBeNull();
    expect(panel.replanned).toBeNull();
  });

  it('says why nothing ran when the new preview has nothing to act on, or the refusal is not the plan', async () => {
    const expired = 'That preview is no longer held: preview the policy again.';
    const { fake, panel } = setup([3, 0]);
    fake.answer('policies.start', () => fail('not-found', expired));
    await panel.runNow('Nightly');
    await panel.confirm();
    expect(panel.confirming).toBeNull();
    expect(panel.error?.message).toBe(expired);
    expect(fake.payloads('policies.preview')).toHaveLength(2);

    const other = setup([3]);
    other.fake.answer('policies.start', () => fail('keychain', 'The keychain is locked'));
    await other.panel.runNow('Nightly');
    await other.panel.confirm();
    expect(other.panel.error?.message).toBe('The keychain is locked');
    expect(other.fake.payloads('policies.preview')).toHaveLength(1);
  });
});
