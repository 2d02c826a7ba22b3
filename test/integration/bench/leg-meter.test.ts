/**
 * The benchmark's leg meter counts a collector pause of a leg's last turn in that leg: Node reports a
 * pause from a native immediate after it, so a meter that ended the leg at once missed it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { startLeg } from '../../bench/leg-meter';

setFlagsFromString('--expose-gc');
const fullGc = runInNewContext('gc') as () => void;

describe('startLeg', () => {
  it('counts a major collection run just before the leg ends in that leg, and not in the next one', async () => {
    const end = startLeg();
    fullGc();
    const leg = await end();
    expect(leg.majorGcs).toBeGreaterThanOrEqual(1);
    expect(leg.gcs).toBeGreaterThanOrEqual(leg.majorGcs);
    expect(leg.gcMs).toBeGreaterThan(0);
    expect(leg.cpuMs).toBeGreaterThan(0);

    const next = await startLeg()();
    expect(next.majorGcs).toBe(0);
  });
});
