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

/** Arrays longer than this are counted, not walked (a job list's elements are its jobs, not state). */
const WALK_ARRAY_MAX = 256;

/**
 * Every `Map`, `Set` and array reachable from `root` within `maxObjects` objects, by the first path that
 * reached it, with its size; collections on one path (the values of a Map, the elements of an array) are
 * summed, and their number is under the path with ` #` appended. Functions are walked for their own
 * properties only: a closure's variables cannot be read from JavaScript, so state held only by closures
 * (the transport's undici pool) shows in the heap figures, not here. Typed arrays and Buffers are not walked.
 */
export function collectionSizes(root: object, maxObjects = 50_000): Map<string, number> {
  const sizes = new Map<string, number>();
  const count = (at: string, n: number) => {
    sizes.set(at, (sizes.get(at) ?? 0) + n);
    sizes.set(`${at} #`, (sizes.get(`${at} #`) ?? 0) + 1);
  };
  const seen = new Set<object>();
  const queue: Array<[object, string]> = [[root, 'root']];
  for (let q = 0; q < queue.length && seen.size < maxObjects; q++) {
    const [obj, at] = queue[q]!;
    if (seen.has(obj)) continue;
    seen.add(obj);
    const push = (v: unknown, p: string) => {
      const walked = (typeof v === 'object' && v !== null) || typeof v === 'function';
      if (walked && !seen.has(v as object) && !ArrayBuffer.isView(v)) queue.push([v as object, p]);
    };
    if (obj instanceof Map) {
      count(at, obj.size);
      let i = 0;
      for (const [k, v] of obj) {
        if (i++ >= WALK_ARRAY_MAX) break;
        push(k, `${at}{key}`);
        push(v, `${at}{}`);
      }
    } else if (obj instanceof Set) {
      count(at, obj.size);
      let i = 0;
      for (const v of obj) if (i++ < WALK_ARRAY_MAX) push(v, `${at}{}`);
    } else if (Array.isArray(obj)) {
      count(at, obj.length);
      if (obj.length <= WALK_ARRAY_MAX) for (const v of obj) push(v, `${at}[]`);
    } else if (!(obj instanceof WeakMap || obj instanceof WeakSet || obj instanceof Promise)) {
      for (const key of Reflect.ownKeys(obj)) {
        const d = Object.getOwnPropertyDescriptor(obj, key);
        if (d && 'value' in d) push(d.value, `${at}.${String(key)}`);
      }
    }
  }
  return sizes;
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
