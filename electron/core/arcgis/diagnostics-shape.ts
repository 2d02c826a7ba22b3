/**
 * The shape of a JSON answer, never its values: keys, value types, arrays with their length and objects
 * keyed by ids (job ids, say) as maps whose keys are not kept. This is what a diagnostics report records,
 * so it can be attached to a bug report without revealing tokens, user, host or job names, or messages.
 */

/** A value's type, an array of one element shape, an object of field shapes, or a map of one value shape. */
export type Shape =
  | string
  | { array: Shape | null; length: number }
  | { object: Record<string, Shape> }
  | { map: Shape | null; size: number };

const MAX_DEPTH = 8;
const MAX_SAMPLED = 25;

/** Whether an object key reads as a field name rather than an id (ids make the object a map). */
export function isFieldName(key: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]{0,47}$/.test(key) && !/^j[0-9a-f]{6,}$/i.test(key) && !/\d{5,}/.test(key);
}

function merge(a: Shape | null, b: Shape | null): Shape | null {
  if (a === null) return b;
  if (b === null) return a;
  if (typeof a === 'string' || typeof b === 'string') {
    if (typeof a === 'string' && typeof b === 'string') {
      return a === b ? a : [...new Set([...a.split('|'), ...b.split('|')])].sort().join('|');
    }
    return typeof a === 'string' ? b : a;
  }
  if ('object' in a && 'object' in b) {
    const fields: Record<string, Shape> = { ...a.object };
    for (const [k, v] of Object.entries(b.object)) fields[k] = merge(fields[k] ?? null, v) ?? v;
    return { object: fields };
  }
  return a;
}

function mergedElements(values: readonly unknown[], depth: number): Shape | null {
  let shape: Shape | null = null;
  for (const v of values.slice(0, MAX_SAMPLED)) shape = merge(shape, shapeOf(v, depth + 1));
  return shape;
}

/** The shape of a JSON value; `mapKeys` forces an object to be read as a map (e.g. `results` of a page). */
export function shapeOf(value: unknown, depth = 0, mapKeys = false): Shape {
  if (value === null) return 'null';
  if (Array.isArray(value)) return { array: mergedElements(value, depth), length: value.length };
  if (typeof value !== 'object') return typeof value;
  if (depth >= MAX_DEPTH) return 'object';
  const entries = Object.entries(value as Record<string, unknown>);
  if (mapKeys || entries.some(([k]) => !isFieldName(k))) {
    return {
      map: mergedElements(
        entries.map(([, v]) => v),
        depth,
      ),
      size: entries.length,
    };
  }
  const fields: Record<string, Shape> = {};
  for (const [k, v] of entries)
    fields[k] = shapeOf(v, depth + 1, k === 'results' && depth === 0 && isJobMap(v));
  return { object: fields };
}

/** A top-level `results` object is a `jobs/query` page's jobs keyed by id, whatever its keys look like. */
function isJobMap(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keys whose string values name someone or something (users, machines, hosts, jobs). */
const IDENTITY_KEY = /user|machine|owner|host|job_?id|url|name/i;

/**
 * What must never reach a report, from one answer: `identities` (ids used as keys, values of user,
 * machine, host, id, url or name fields), removed from keys and values; `texts` (every other string,
 * e.g. messages), removed from values.
 */
export function sensitiveStrings(
  value: unknown,
  found: { identities: Set<string>; texts: Set<string> },
  keep: ReadonlySet<string>,
  depth = 0,
  key = '',
): void {
  if (depth > MAX_DEPTH * 2) return;
  if (typeof value === 'string') {
    if (IDENTITY_KEY.test(key) && value.length >= 2) found.identities.add(value);
    else if (value.length >= 4) found.texts.add(value);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const entries = Array.isArray(value) ? value.map((v) => [key, v] as const) : Object.entries(value);
  for (const [k, v] of entries) {
    if (k && !isFieldName(k)) found.identities.add(k);
    if (!keep.has(k)) sensitiveStrings(v, found, keep, depth + 1, k);
  }
}
