/**
 * What the renderer adds to a bulk plan before it is confirmed: which of the selected jobs the current
 * filters hide (so the confirmation never acts on jobs nobody can see without saying so), and each
 * server/service group's oldest and newest job (so "delete 300 jobs" also reads as "from 3 May to today").
 */
import type { Job } from './contract-types';

/** The submitted-time span of one server/service group of the selection. */
export interface GroupSpan {
  oldest: number | null;
  newest: number | null;
}

/** The selection's context for the confirmation dialog. */
export interface PlanContext {
  /** Selected jobs the current filters hide, in selection order. */
  hidden: readonly Job[];
  /** `profileId|service` → the group's span; the server's own span under `profileId|`. */
  spans: ReadonlyMap<string, GroupSpan>;
}

/** No hidden jobs, no spans. */
export const EMPTY_CONTEXT: PlanContext = { hidden: [], spans: new Map() };

/** The key of a group's span; with no service, the server's span. */
export function spanKey(profileId: string, service = ''): string {
  return `${profileId}|${service}`;
}

function widen(spans: Map<string, GroupSpan>, key: string, t: number | null): void {
  const s = spans.get(key) ?? { oldest: null, newest: null };
  if (t !== null && Number.isFinite(t)) {
    if (s.oldest === null || t < s.oldest) s.oldest = t;
    if (s.newest === null || t > s.newest) s.newest = t;
  }
  spans.set(key, s);
}

/**
 * The hidden jobs and group spans of a selection. `visible` tells whether the filters let a job through,
 * or is null when no filter is active.
 */
export function planContext(selected: readonly Job[], visible: ((job: Job) => boolean) | null): PlanContext {
  const hidden: Job[] = [];
  const spans = new Map<string, GroupSpan>();
  for (const j of selected) {
    if (visible && !visible(j)) hidden.push(j);
    widen(spans, spanKey(j.profileId, j.service), j.submittedTime);
    widen(spans, spanKey(j.profileId), j.submittedTime);
  }
  return { hidden, spans };
}
