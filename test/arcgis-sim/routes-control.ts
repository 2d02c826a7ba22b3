/**
 * The out-of-process control API under `/__sim/` (used when the simulator runs as a child process, e.g.
 * by the benchmark). Plain JSON, no auth (loopback only), never recorded, counted, delayed or faulted.
 */
import { isQueryShape } from './query-shapes';
import type { Incoming, Reply } from './reply';
import { rawJson } from './reply';
import type { FaultKind, Simulator } from './types';

const KINDS = new Set<FaultKind>([
  'http500',
  'http500-html',
  'http502',
  'http503',
  'http504',
  'timeout',
  'reset',
  'html-login',
  'malformed-json',
  'http498',
  'http401-web-tier',
  'http404-json',
  'http429',
  'slow',
]);

function num(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Answers one `/__sim/...` request against the simulator. */
export function routeControl(req: Incoming, sim: Simulator, removers: Map<number, () => void>): Reply {
  const op = req.segments.slice(1).join('/');
  const p = req.params;
  const post = req.method === 'POST';
  if (op === 'info') {
    return rawJson({
      url: sim.url,
      portalUrl: sim.portalUrl,
      username: sim.username,
      password: sim.password,
      caFile: sim.caFile,
    });
  }
  if (op === 'stats') return rawJson(sim.stats);
  if (op === 'jobs') {
    const jobs = sim
      .jobs()
      .filter((j) => (!p.service || j.service === p.service) && (!p.status || j.status === p.status));
    if (p.count) return rawJson({ count: jobs.length });
    return rawJson({ jobs: jobs.slice(0, num(p.limit) ?? 1000).map(({ messages: _m, ...rest }) => rest) });
  }
  if (op === 'requests') {
    const withToken = sim.requests.filter((r) => /[?&]token=/i.test(r.url)).length;
    return rawJson({ count: sim.requests.length, tokenInUrl: withToken });
  }
  if (!post) return rawJson({ error: `unknown control operation GET /__sim/${op}` }, 404);
  switch (op) {
    case 'reset-stats':
      sim.resetStats();
      return rawJson({ ok: true });
    case 'expire-tokens':
      sim.expireTokens();
      return rawJson({ ok: true });
    case 'admin-disabled':
      sim.setAdminDisabled(p.disabled !== 'false');
      return rawJson({ ok: true });
    case 'latency':
      sim.setLatency(num(p.ms) ?? 0);
      return rawJson({ ok: true });
    case 'query-shape':
      if (!isQueryShape(p.shape)) return rawJson({ error: `unknown query shape ${p.shape}` }, 400);
      sim.setQueryShape(p.shape);
      return rawJson({ ok: true });
    case 'submit-job': {
      if (!p.service) return rawJson({ error: 'service is required' }, 400);
      const job = sim.submitJob(p.service, {
        ...(p.status ? { status: p.status } : {}),
        ...(p.username !== undefined ? { username: p.username || null } : {}),
      });
      return rawJson(job);
    }
    case 'faults': {
      const kind = p.kind as FaultKind;
      if (!KINDS.has(kind)) return rawJson({ error: `unknown fault kind ${p.kind}` }, 400);
      const rate = num(p.rate);
      const count = num(p.count);
      const delayMs = num(p.delayMs);
      const retryAfter = p.retryAfter;
      const path = p.path;
      const method = p.method?.toUpperCase();
      const remove = sim.addFault({
        kind,
        ...(rate !== undefined ? { rate } : {}),
        ...(count !== undefined ? { count } : {}),
        ...(delayMs !== undefined ? { delayMs } : {}),
        ...(retryAfter ? { retryAfter } : {}),
        match: (r) => (!path || r.path.includes(path)) && (!method || r.method === method),
      });
      const id = Math.max(0, ...removers.keys()) + 1;
      removers.set(id, remove);
      return rawJson({ id });
    }
    case 'remove-fault': {
      const remove = removers.get(num(p.id) ?? -1);
      remove?.();
      removers.delete(num(p.id) ?? -1);
      return rawJson({ ok: remove !== undefined });
    }
    case 'clear-faults':
      sim.clearFaults();
      removers.clear();
      return rawJson({ ok: true });
    default:
      return rawJson({ error: `unknown control operation POST /__sim/${op}` }, 404);
  }
}
