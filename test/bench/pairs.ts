/**
 * What the benchmark's paired legs share (bulk, listing and fleet): the untimed warm-up rounds before the
 * first pair, and the order of the app's and the bare loop's pass within each pair.
 */

/**
 * Untimed warm-up rounds before the first pair, each an engine run and a bare pass of `warmupJobs`
 * (bulk-bench.ts). After one engine run of 600 jobs and a bare pass of 200, the first measured pair still
 * spent 42-48 µs per job on V8's other threads (compiling) against 12-22 in later pairs, and its bare pass
 * 12-14 µs against 1-4: the engine's run-level code is compiled again at its second plan, and a third of
 * the warm-up left the bare loop colder than the engine.
 */
export const WARM_UP_ROUNDS = 2;

/**
 * Runs pair `n`'s two passes, the app's first in even pairs and the bare loop's first in odd ones: a pass
 * leaves garbage to collect and a machine whose speed drifts to the pass after it, so a fixed order would
 * bill that always to the same side of the ratio.
 */
export async function inPairOrder(n: number, app: () => Promise<void>, bare: () => Promise<void>) {
  const [first, second] = n % 2 === 0 ? [app, bare] : [bare, app];
  await first();
  await second();
}
