/**
 * Faults on demand, applied before routing: HTTP 5xx, hangs, connection resets, an HTML login page,
 * malformed JSON, a real HTTP 498, a Web Adaptor's own sign-in (HTTP 401, web-tier authentication), a front end's
 * JSON 404, a gateway's rate limit (HTTP 429) and slow answers (after a delay, or held until a test releases
 * them); 429 and 503 with `Retry-After` if asked. `count` limits a rule to its first N hits and `rate`
 * draws from a seeded RNG, so a faulty run replays identically.
 */
import type { Rng } from './rng';
import type { Incoming, Reply } from './reply';
import { loginPage, proxyErrorPage, rawJson, webTierSignIn, withRetryAfter } from './reply';
import type { FaultRule } from './types';

/** What the server must do for a fault: answer, hang, reset, or wait then answer normally. */
export type FaultAction =
  { reply: Reply } | { hang: true } | { reset: true } | { delayMs: number } | { until: Promise<unknown> };

/** The active fault rules. */
export class Faults {
  private rules: { rule: FaultRule; hits: number }[] = [];

  constructor(private readonly rng: Rng) {}

  /** Adds a rule; returns its remover. */
  add(rule: FaultRule): () => void {
    const entry = { rule, hits: 0 };
    this.rules.push(entry);
    return () => {
      this.rules = this.rules.filter((e) => e !== entry);
    };
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** The first rule that hits this request, counting the hit. */
  pick(req: { method: string; path: string; params: Record<string, string> }): FaultRule | null {
    for (const entry of this.rules) {
      const { rule } = entry;
      if (rule.count !== undefined && entry.hits >= rule.count) continue;
      if (rule.match && !rule.match(req)) continue;
      if (rule.rate !== undefined && this.rng.next() >= rule.rate) continue;
      entry.hits++;
      return rule;
    }
    return null;
  }
}

/** A JSON error body in the admin or the REST API's shape, sent with `code` as the HTTP status too. */
function jsonError(admin: boolean, code: number, message: string): FaultAction {
  return {
    reply: admin
      ? rawJson({ status: 'error', messages: [message], code }, code)
      : rawJson({ error: { code, message, details: [] } }, code),
  };
}

/** What a fault rule does to this request. */
export function faultAction(rule: FaultRule, req: Incoming): FaultAction {
  const admin = req.segments.includes('admin');
  const { kind, delayMs, retryAfter, until } = rule;
  switch (kind) {
    case 'http500':
      return jsonError(admin, 500, 'Internal server error.');
    case 'http500-html':
      return { reply: proxyErrorPage(500) };
    case 'http502':
      return { reply: proxyErrorPage(502) };
    case 'http503':
      return { reply: withRetryAfter(proxyErrorPage(503), retryAfter) };
    case 'http504':
      return { reply: proxyErrorPage(504) };
    case 'timeout':
      return { hang: true };
    case 'reset':
      return { reset: true };
    case 'html-login':
      return { reply: loginPage() };
    case 'malformed-json':
      return { reply: { ...rawJson({}), body: '{"total":12,"num":10,"jobs":[{"jobId":"j0f3' } };
    case 'http498':
      return jsonError(admin, 498, 'Invalid token.');
    case 'http401-web-tier':
      return { reply: webTierSignIn() };
    case 'http404-json':
      return { reply: rawJson({ code: 404, message: 'Not Found' }, 404) };
    case 'http429':
      // An API gateway's rate limit, in its own JSON (AWS API Gateway's words); ArcGIS never sees it.
      return { reply: withRetryAfter(rawJson({ message: 'Too Many Requests' }, 429), retryAfter) };
    case 'slow':
      return until ? { until } : { delayMs: delayMs ?? 1000 };
  }
}
