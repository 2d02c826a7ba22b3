/**
 * Copying the named fields of an object, for the views sent over IPC: a view type is `Pick<CoreType, Field>`
 * over a list of field names, and the same list copies the fields, so adding a field to a view is one edit
 * (and nothing else of the core object, such as a plan's 100,000 jobs, ever crosses).
 */

/** The fields `keys` of `from`; an optional field that is undefined stays absent. */
export function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) if (from[key] !== undefined) out[key] = from[key];
  return out;
}
