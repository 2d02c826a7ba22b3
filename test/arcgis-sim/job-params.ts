/**
 * A simulated job's inputs and results: the REST job page lists them as name -> `{paramUrl}` (inputs from
 * submission on, results once it succeeded), and `jobs/<id>/<inputs|results>/<name>` answers
 * `{paramName, dataType, value}` as ArcGIS Server's GP Input and GP Result resources do. The values
 * include what a client must show as plain text (markup) and a URL carrying a token the client must hide.
 */
import type { JobRec } from './store';

type Direction = 'inputs' | 'results';

const VALUES: Record<Direction, Record<string, (job: JobRec) => { dataType: string; value: unknown }>> = {
  inputs: {
    Input: (job) => ({ dataType: 'GPString', value: `inputs of ${job.jobId}` }),
    Distance: () => ({ dataType: 'GPLinearUnit', value: { distance: 250, units: 'esriMeters' } }),
    Label: () => ({ dataType: 'GPString', value: '<img src=x onerror="window.__injected=1">Parcels' }),
  },
  results: {
    Output: (job) => ({ dataType: 'GPString', value: `results of ${job.jobId}` }),
    Output_File: (job) => ({
      dataType: 'GPDataFile',
      value: { url: `https://files.example.com/arcgisjobs/${job.jobId}/output.zip?token=sim-url-token` },
    }),
  },
};

/** Which directions a job's page lists now. */
function listed(job: JobRec): Direction[] {
  return job.status === 'esriJobSucceeded' ? ['inputs', 'results'] : ['inputs'];
}

/** The page's `inputs` and `results` members for `job`. */
export function jobParamRefs(job: JobRec): Partial<Record<Direction, Record<string, { paramUrl: string }>>> {
  const out: Partial<Record<Direction, Record<string, { paramUrl: string }>>> = {};
  for (const dir of listed(job))
    out[dir] = Object.fromEntries(
      Object.keys(VALUES[dir]).map((name) => [name, { paramUrl: `${dir}/${name}` }]),
    );
  return out;
}

/** The parameter resource's body, or null when the job does not list it. */
export function jobParamValue(job: JobRec, dir: string, name: string): Record<string, unknown> | null {
  if (dir !== 'inputs' && dir !== 'results') return null;
  if (!listed(job).includes(dir)) return null;
  const make = VALUES[dir][name];
  return make ? { paramName: name, ...make(job) } : null;
}
