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
 * Runs a pair's two passes, the app's first in every pair, so that each pass follows exactly one pass of
 * the other side: both processes have sat idle for one leg before each of their legs, and no leg follows
 * two of the other side's. Idling is not free (the simulators close keep-alive connections after 5 s, and
 * V8's memory reducer shrinks the young generation and drops compiled code), and with the order alternated
 * (`alternatingPairOrder`) every second pair gave one side's leg two legs of idling and the other's none:
 * in a quiet full run the engine spent 140 / 209 / 179 / 193 / 177 µs per job, 209 and 193 in the two
 * pairs where it had idled twice as long (README, "Noise in the ratios"). The two sides run in processes of
 * their own, so neither pass leaves garbage for the other to collect.
 */
export async function inPairOrder(app: () => Promise<void>, bare: () => Promise<void>) {
  await app();
  await bare();
}

/**
 * The benchmark's order before `inPairOrder` (kept for `run-drift.ts`, which compares the two): the app's
 * pass first in even pairs (`n` from 0) and the bare loop's first in odd ones.
 */
export async function alternatingPairOrder(n: number, app: () => Promise<void>, bare: () => Promise<void>) {
  const [first, second] = n % 2 === 0 ? [app, bare] : [bare, app];
  await first();
  await second();
}
