/**
 * The listing pairs of the 100,000-job listing (list-bench.ts) and of the fleet (fleet-bench.ts), written
 * once: the untimed warm-up rounds of both sides, then `runs` pairs of the app's listing to the window and
 * the bare loop's reading of the same pages, each leg after the same idle spell (`EvenIdlePairs`,
 * pairs.ts), the jobs of each bare pass checked against the app's, and two log lines a pair.
 */
import { performance } from 'node:perf_hooks';
import { legTotals, startLeg } from './leg-meter';
import type { LegCost } from './leg-meter';
import type { BareFigures } from './bare-loop';
import type { WindowListing } from './list-bench';
import { WARM_UP_ROUNDS } from './pairs';
import type { EvenIdlePairs, PairIdle, WarmLegs } from './pairs';

/** How a part's listing pairs run and what its log calls them. */
export interface ListingPairsOptions {
  schedule: EvenIdlePairs;
  runs: number;
  /** The app side's listing of every server to the window. */
  app: () => Promise<WindowListing>;
  /** The bare loop's reading of the pages the app listed (`listed`: the app's last listing). */
  bare: (listed: WindowListing) => Promise<BareFigures>;
  /** The log's words: each line's head (`list: run`), the app side's name (`app`), the bare loop's. */
  words: { head: string; app: string; bare: string };
  log: (line: string) => void;
}

/** The pairs' legs: the app's times and costs, the bare loop's passes, each pair's spells, the last listing. */
export interface ListingPairs {
  runsMs: number[];
  costs: LegCost[];
  bareRuns: BareFigures[];
  idleMs: PairIdle[];
  warmMs: WarmLegs;
  listed: WindowListing;
}

/** Runs the warm-up rounds and the pairs (see the file's comment). */
export async function listingPairs(o: ListingPairsOptions): Promise<ListingPairs> {
  const { schedule, words } = o;
  const part = words.head.split(':')[0]!;
  let listed: WindowListing = { jobs: 0, counts: [] };
  const bareList = async (): Promise<BareFigures> => {
    const b = await o.bare(listed);
    if (b.failed > 0 || b.jobs !== listed.jobs)
      throw new Error(
        `${part}: the bare loop read ${b.jobs} jobs (${b.failed} bad pages), the ${words.app} ${listed.jobs}`,
      );
    return b;
  };
  for (let round = 0; round < WARM_UP_ROUNDS; round++)
    await schedule.warmRound(
      async () => void (listed = await o.app()),
      async () => void (await bareList()),
      round === WARM_UP_ROUNDS - 1,
    );
  o.log(`${part}: ${schedule.spellLine()}`);
  const [runsMs, costs, bareRuns] = [[] as number[], [] as LegCost[], [] as BareFigures[]];
  const appRun = async (): Promise<void> => {
    const end = startLeg(); // the same meter as the bare loop's legs
    const t0 = performance.now();
    listed = await o.app();
    runsMs.push(performance.now() - t0);
    costs.push(await end());
  };
  const bareRun = async (): Promise<void> => void bareRuns.push(await bareList());
  for (let run = 0; run < o.runs; run++) {
    await schedule.pair(run, appRun, bareRun);
    const [ms, cost, bare] = [runsMs.at(-1)!, costs.at(-1)!, bareRuns.at(-1)!];
    o.log(
      `${words.head} ${run + 1}/${o.runs}: ${listed.jobs} jobs in ${ms.toFixed(0)} ms (CPU ${cost.cpuMs.toFixed(0)} ms); ` +
        `${words.bare} ${bare.ms.toFixed(0)} ms (CPU ${bare.cpuMs.toFixed(0)} ms), ${schedule.idleLine(run)}`,
    );
    o.log(`${words.head} ${run + 1} ${words.app} ${legTotals(cost)}; bare ${legTotals(bare.cost)}`);
  }
  return { runsMs, costs, bareRuns, idleMs: schedule.pairIdles(), warmMs: schedule.sizedFrom, listed };
}
