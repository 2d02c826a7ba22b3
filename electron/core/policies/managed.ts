/**
 * The read-only policies IT provisions: `policies.json` next to the managed profiles file. A problem with
 * that file, or with one of its entries, hides what it concerns and is reported; it never hides or changes
 * the user's own policies (store.ts).
 */
import { readLocalTextFile } from '../local-file';
import type { AppError } from '../types';
import type { Policy } from './schema';
import { MAX_POLICIES_FILE_BYTES, parsePoliciesText, parsePolicy, samePolicyName } from './schema';

/** Reads IT's policies file; a problem with it hides its policies (reported), never the user's. */
export async function readManagedPolicies(
  file: string,
): Promise<{ policies: Policy[]; problems: AppError[] }> {
  const where = `The managed policies file ${file} (provided by your IT department)`;
  const read = await readLocalTextFile(file, MAX_POLICIES_FILE_BYTES);
  if (read.kind === 'missing') return { policies: [], problems: [] };
  const fail = (why: string) => ({
    policies: [],
    problems: [{ kind: 'config' as const, message: `${where} ${why} Its policies are not shown.` }],
  });
  if (read.kind === 'unreadable') return fail(`could not be read: ${read.message}.`);
  if (read.kind === 'too-large') return fail('is larger than 8 MiB.');
  const entries = parsePoliciesText(read.text);
  if (!entries.ok) return fail(`cannot be used: ${entries.error.message}`);
  const policies: Policy[] = [];
  const problems: AppError[] = [];
  entries.value.forEach((entry, i) => {
    const parsed = parsePolicy(entry);
    if (!parsed.ok)
      problems.push({
        kind: 'config',
        message: `${where}: entry ${i + 1} was skipped: ${parsed.error.message}`,
      });
    else if (policies.some((p) => samePolicyName(p.name, parsed.value.name)))
      problems.push({
        kind: 'config',
        message: `${where}: entry ${i + 1} repeats the name "${parsed.value.name}" and was skipped.`,
      });
    else policies.push(parsed.value);
  });
  return { policies, problems };
}
