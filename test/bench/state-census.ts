/**
 * What a long-lived process holds, counted so two moments can be compared (run-drift.ts): the V8 heap after
 * a forced full collection, by space, the process's active handles by kind, and the size of every `Map`,
 * `Set` and array reachable from a root object (own properties, symbol-keyed ones included, so undici's
 * pools and the client's limiters are walked too), each under the path it was first reached by. A
 * collection whose size grows from run to run is state a process running for months would pile up.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

/** A full (mark-compact) collection: `global.gc` when run with `--expose-gc`, else one enabled here. */
export function fullGc(): void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed();
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** The heap after a full collection: used bytes in all, and per space (MB). */
export function heapAfterGc(): { usedMb: number; spaces: Record<string, number> } {
  fullGc();
  fullGc();
  const spaces: Record<string, number> = {};
  for (const s of v8.getHeapSpaceStatistics())
    spaces[s.space_name] = Number((s.space_used_size / 1e6).toFixed(3));
  return { usedMb: Number((v8.getHeapStatistics().used_heap_size / 1e6).toFixed(3)), spaces };
}

/** The process's active handles and requests (timers, sockets, file handles), by kind. */
export function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** How far a census walks. */
export interface CensusLimits {
  /** Objects walked at most (default 50,000); past it the census stops. */
  maxObjects?: number;
  /**
   * A Map's or Set's first entries walked (default 256); an array longer than this is counted, not walked
   * (a job list's elements are its jobs, not state).
   */
  walkMax?: number;
}

/** The census's key for the objects it queued but did not walk, having reached `maxObjects`. */
export const OBJECTS_NOT_WALKED = '(objects not walked: object limit reached)';
const ENTRIES_NOT_WALKED = ' (entries not walked)';

/**
 * Every `Map`, `Set` and array reachable from `root` within the limits, by the first path that reached it,
 * with its size; collections on one path (the values of a Map, the elements of an array) are summed, and
 * their number is under the path with ` #` appended. What the limits left out is in the census too, as
 * growth there cannot be seen (`notWalked` lists it): the entries not walked (past a Map's or Set's first
 * `walkMax`, all of a longer array) under the collection's path with ` (entries not walked)` appended, and
 * the objects left when `maxObjects` was reached under `OBJECTS_NOT_WALKED`. Functions are walked for their
 * own properties only: a closure's variables cannot be read from JavaScript, so state held only by closures
 * (the transport's undici pool) shows in the heap figures, not here. Typed arrays and Buffers are not walked.
 */
export function collectionSizes(root: object, limits: CensusLimits = {}): Map<string, number> {
  const { maxObjects = 50_000, walkMax = 256 } = limits;
  const sizes = new Map<string, number>();
  const add = (at: string, n: number) => sizes.set(at, (sizes.get(at) ?? 0) + n);
  // A collection's size, and how many of its entries go unwalked (the first `walkMax`, or none, are walked).
  const count = (at: string, n: number, unwalked: number) => {
    add(at, n);
    add(`${at} #`, 1);
    if (unwalked > 0) add(`${at}${ENTRIES_NOT_WALKED}`, unwalked);
  };
  const seen = new Set<object>();
  const queue: Array<[object, string]> = [[root, 'root']];
  let q = 0;
  for (; q < queue.length && seen.size < maxObjects; q++) {
    const [obj, at] = queue[q]!;
    if (seen.has(obj)) continue;
    seen.add(obj);
    const push = (v: unknown, p: string) => {
      const walked = (typeof v === 'object' && v !== null) || typeof v === 'function';
      if (walked && !seen.has(v as object) && !ArrayBuffer.isView(v)) queue.push([v as object, p]);
    };
    if (obj instanceof Map) {
      count(at, obj.size, obj.size - walkMax);
      let i = 0;
      for (const [k, v] of obj) {
        if (i++ >= walkMax) break;
        push(k, `${at}{key}`);
        push(v, `${at}{}`);
      }
    } else if (obj instanceof Set) {
      count(at, obj.size, obj.size - walkMax);
      let i = 0;
      for (const v of obj) if (i++ < walkMax) push(v, `${at}{}`);
    } else if (Array.isArray(obj)) {
      count(at, obj.length, obj.length > walkMax ? obj.length : 0);
      if (obj.length <= walkMax) for (const v of obj) push(v, `${at}[]`);
    } else if (!(obj instanceof WeakMap || obj instanceof WeakSet || obj instanceof Promise)) {
      for (const key of Reflect.ownKeys(obj)) {
        const d = Object.getOwnPropertyDescriptor(obj, key);
        if (d && 'value' in d) push(d.value, `${at}.${String(key)}`);
      }
    }
  }
  const left = new Set(queue.slice(q).flatMap(([obj]) => (seen.has(obj) ? [] : [obj]))).size;
  if (left > 0) sizes.set(OBJECTS_NOT_WALKED, left);
  return sizes;
}

/** What a census could not walk (see `collectionSizes`): `[key, how many]`, empty when it saw everything. */
export function notWalked(sizes: ReadonlyMap<string, number>): Array<[string, number]> {
  return [...sizes].filter(([at]) => at === OBJECTS_NOT_WALKED || at.endsWith(ENTRIES_NOT_WALKED));
}

/** The collections whose size differs between two censuses (`before` may lack paths `after` has). */
export function grown(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
): Array<[string, number, number]> {
  const out: Array<[string, number, number]> = [];
  for (const [at, n] of after) {
    const was = before.get(at) ?? 0;
    if (n !== was) out.push([at, was, n]);
  }
  return out;
}
