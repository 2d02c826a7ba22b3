/**
 * Confirming a bulk action on a terminal, with the same rule as the desktop app: production servers or
 * more than 100 jobs need the number of jobs typed; otherwise a y/N question. Without a terminal the
 * caller requires `--yes` instead (nobody could answer).
 */
import readline from 'node:readline';
import { needsTypedConfirmation, inertText } from '../core';
import type { BulkPlan } from '../core';
import type { CliIo } from './io';

/** The question to ask, and the answer check. */
export function confirmationQuestion(plan: Pick<BulkPlan, 'action' | 'eligible' | 'productionServers'>): {
  question: string;
  accepts: (answer: string) => boolean;
} {
  const jobs = `${plan.eligible} job${plan.eligible === 1 ? '' : 's'}`;
  if (needsTypedConfirmation(plan)) {
    const why = plan.productionServers.length
      ? ` on production server${plan.productionServers.length === 1 ? '' : 's'} ${plan.productionServers.join(', ')}`
      : '';
    return {
      question: `Type ${plan.eligible} to ${plan.action} ${jobs}${why}: `,
      accepts: (answer) => answer.trim() === String(plan.eligible),
    };
  }
  return {
    question: `${plan.action === 'delete' ? 'Delete' : 'Cancel'} ${jobs}? [y/N] `,
    accepts: (answer) => /^(y|yes)$/i.test(answer.trim()),
  };
}

/** Asks on the terminal (prompt on stderr); resolves whether the user confirmed. */
export async function confirmOnTerminal(
  io: CliIo,
  plan: Pick<BulkPlan, 'action' | 'eligible' | 'productionServers'>,
): Promise<boolean> {
  const { question, accepts } = confirmationQuestion(plan);
  return askOnTerminal(io, question, accepts);
}

/** Asks `question` on the terminal; resolves whether the answer is accepted (end of input: no). */
export async function askOnTerminal(
  io: CliIo,
  question: string,
  accepts: (answer: string) => boolean = (answer) => /^(y|yes)$/i.test(answer.trim()),
): Promise<boolean> {
  // readline writes its own cursor controls, so it gets the process stream; the question is made inert.
  const output = io.stderr.raw ?? (io.stderr as NodeJS.WritableStream);
  const rl = readline.createInterface({ input: io.stdin, output });
  try {
    const answer = await new Promise<string | null>((resolve) => {
      rl.once('close', () => resolve(null));
      rl.question(inertText(question), resolve);
    });
    return answer !== null && accepts(answer);
  } finally {
    rl.close();
  }
}
