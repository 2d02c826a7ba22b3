/** A simulator for one test: started by the test, closed when it finishes (whether it passed or not). */
import { onTestFinished } from 'vitest';
import type { SimOptions, Simulator } from '../arcgis-sim/index';
import { startSimulator } from '../arcgis-sim/index';

/** Starts a simulator closed when the current test finishes. */
export async function simulator(options: SimOptions = {}): Promise<Simulator> {
  const sim = await startSimulator(options);
  onTestFinished(() => sim.close());
  return sim;
}
