/**
 * Choosing bulk results by name (`--result failed,already-gone`, `--failed`), in the one vocabulary of
 * the core: machine names or display names, any case.
 */
import { InvalidArgumentError, Option } from 'commander';
import { JOB_OUTCOMES, parseOutcomeWord } from '../core';
import type { JobOutcome } from '../core';
import { collect } from './filters';

/** The result flags as commander hands them over. */
export interface ResultFlags {
  result?: JobOutcome[];
  failed?: boolean;
}

/** `deleted`, `Already gone`, `FAILED`... → the result; a usage error otherwise. */
export function parseOutcome(value: string): JobOutcome {
  const outcome = parseOutcomeWord(value);
  if (outcome) return outcome;
  throw new InvalidArgumentError(`Unknown result "${value}". Use ${JOB_OUTCOMES.join(', ')}.`);
}

/** `--result LIST`, comma-separated or repeated. */
export function resultOption(): Option {
  return new Option(
    '--result <results>',
    `only jobs with these results: ${JOB_OUTCOMES.join(', ')}`,
  ).argParser(collect(parseOutcome));
}

/** The results to show, or null for all. */
export function wantedOutcomes(flags: ResultFlags): ReadonlySet<string> | null {
  const wanted = [...(flags.result ?? []), ...(flags.failed ? (['failed'] as const) : [])];
  return wanted.length ? new Set(wanted) : null;
}
