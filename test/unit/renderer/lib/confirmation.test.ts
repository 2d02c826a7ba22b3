import { describe, expect, it } from 'vitest';
import type { BulkPlanView } from '../../../../renderer/src/lib/contract-types';
import {
  confirmLabel,
  isConfirmed,
  parseTypedCount,
  statusTotals,
  typedConfirmationReason,
} from '../../../../renderer/src/lib/confirmation';

function plan(over: Partial<BulkPlanView> = {}, production = false): BulkPlanView {
  return {
    action: 'delete',
    total: 3,
    eligible: 3,
    skipped: 0,
    running: 1,
    requiresTypedConfirmation: false,
    servers: [
      {
        profileId: 'p1',
        name: 'Prod GIS',
        production,
        eligible: 3,
        skipped: 0,
        running: 1,
        services: [
          {
            service: 'Tools/Buffer',
            eligible: 3,
            skipped: 0,
            statuses: [
              { status: 'esriJobSucceeded', count: 2, eligible: 2 },
              { status: 'esriJobExecuting', count: 1, eligible: 1 },
            ],
          },
        ],
      },
    ],
    ...over,
  };
}

describe('confirmation rule', () => {
  it('confirms a small plan on non-production servers without typing', () => {
    expect(isConfirmed(plan(), '')).toBe(true);
    expect(typedConfirmationReason(plan())).toBeNull();
  });

  it('requires the exact eligible count when the plan asks for typing', () => {
    const p = plan({ total: 310, eligible: 300, skipped: 10, requiresTypedConfirmation: true });
    expect(isConfirmed(p, '')).toBe(false);
    expect(isConfirmed(p, '310')).toBe(false);
    expect(isConfirmed(p, '30')).toBe(false);
    expect(isConfirmed(p, ' 300 ')).toBe(true);
    expect(typedConfirmationReason(p)).toBe('This acts on more than 100 jobs.');
  });

  it('accepts thousands separators in the typed count', () => {
    expect(parseTypedCount('1,234')).toBe(1234);
    expect(parseTypedCount('1 234')).toBe(1234);
    expect(parseTypedCount('12a')).toBeNull();
    expect(parseTypedCount('')).toBeNull();
  });

  it('names production servers as the reason to type', () => {
    const p = plan({ requiresTypedConfirmation: true }, true);
    expect(typedConfirmationReason(p)).toBe('Prod GIS is a production server.');
  });

  it('never confirms a plan with nothing to act on', () => {
    expect(isConfirmed(plan({ eligible: 0, skipped: 3 }), '')).toBe(false);
  });

  it('labels the button with the verb and count', () => {
    expect(confirmLabel(plan())).toBe('Delete 3 jobs');
    expect(confirmLabel(plan({ action: 'cancel', eligible: 1 }))).toBe('Cancel 1 job');
  });

  it('sums statuses across servers and services, largest first', () => {
    expect(statusTotals(plan())).toEqual([
      { status: 'esriJobSucceeded', count: 2, eligible: 2 },
      { status: 'esriJobExecuting', count: 1, eligible: 1 },
    ]);
  });
});
