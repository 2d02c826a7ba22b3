/**
 * One server's state for the sidebar, from its last job load and the backend's connection events:
 * an icon state, a word for it, the error to show and when it last refreshed.
 */
import { connectionFault } from '../../../electron/shared/connection-errors';
import { errorTitle } from './errors';
import { t } from './strings';
import { appLocale } from './strings/locale';
import type { AppError, ConnectionStateView, ServerJobsView } from './contract-types';

/** How one server's job list is doing. */
export interface ServerLoad {
  loading: boolean;
  error: AppError | null;
  /** Services whose jobs could not be listed. */
  failures: ServerJobsView['failures'];
  /** Services listed only in part, with what may be missing. */
  warnings: ServerJobsView['warnings'];
  services: number;
  loadedAt: number | null;
  /** While a listing streams in: how many of its jobs have arrived (null or absent otherwise). */
  progress?: number | null;
}

/** A server never loaded. */
export const IDLE_LOAD: ServerLoad = {
  loading: false,
  error: null,
  failures: [],
  warnings: [],
  services: 0,
  loadedAt: null,
};

/** The sidebar's view of a server. */
export interface ServerStatus {
  state: 'idle' | 'loading' | 'connected' | 'partial' | 'error';
  label: string;
  error: AppError | null;
  lastRefresh: number | null;
  /** While a failed read is retried: why the last attempt failed in a few words, and in the backend's. */
  retrying?: { why: string; detail: string };
}

/** Why a retried read failed, in two words (the backend's message has the rest): refused, timed out, 503. */
export function retryReason(reason: AppError): string {
  const words = t.servers.retryWhy;
  if (reason.kind === 'timeout') return words.timedOut;
  const fault = connectionFault(reason);
  if (fault === 'refused') return words.refused;
  if (fault === 'closed') return words.closed;
  if (reason.kind === 'network') return words.unreachable;
  return reason.code !== undefined ? words.code(reason.code) : words.other;
}

/**
 * A server being contacted whose last read failed and is retried: "Not answering: retry 2 of 4…" and why.
 * When its listing has already read jobs (`soFar` > 0), the server did answer: one page is retried, so the
 * line keeps "Loading jobs… N so far" and the why line names the attempt.
 */
function retryingStatus(
  retry: NonNullable<ConnectionStateView['retry']>,
  lastRefresh: number | null,
  soFar: number,
): ServerStatus {
  if (retry.paused) return pausedStatus(retry, lastRefresh, soFar);
  const asked = retry.reason.retryAfterMs;
  const waits = asked !== undefined && asked >= 1000 ? Math.round(asked / 1000) : null;
  const reason = retryReason(retry.reason);
  const why = waits === null ? reason : t.servers.retryWhy.asked(reason, waits);
  return {
    state: 'loading',
    label:
      soFar > 0
        ? t.servers.status.loadingSoFar(soFar)
        : t.servers.status.retrying(retry.attempt, retry.attempts),
    error: null,
    lastRefresh,
    retrying: {
      why: soFar > 0 ? t.servers.retryWhy.page(retry.attempt, retry.attempts, why) : why,
      detail: [sentence(errorTitle(retry.reason)), waits === null ? null : t.servers.status.retryAsked(waits)]
        .filter(Boolean)
        .join(' '),
    },
  };
}

/**
 * A server being contacted whose reads wait, not yet sent, out a pause it asked for answering another
 * request (a job's detail, a bulk run's delete): "Waiting until 17:05:03 (Retry-After)" and why (the
 * count so far instead when its listing has read jobs).
 */
function pausedStatus(
  retry: NonNullable<ConnectionStateView['retry']>,
  lastRefresh: number | null,
  soFar: number,
): ServerStatus {
  const time = new Intl.DateTimeFormat(appLocale(), { timeStyle: 'medium' }).format(retry.at + retry.waitMs);
  return {
    state: 'loading',
    label: soFar > 0 ? t.servers.status.loadingSoFar(soFar) : t.servers.status.paused(time),
    error: null,
    lastRefresh,
    retrying: {
      why: t.servers.retryWhy.paused(retryReason(retry.reason), time),
      detail: `${sentence(errorTitle(retry.reason))} ${t.servers.status.pausedDetail(time)}`,
    },
  };
}

/** Combines the last load and the last connection event into what the sidebar shows. */
export function serverStatus(load: ServerLoad, conn: ConnectionStateView | undefined): ServerStatus {
  const lastRefresh = latest(load.loadedAt, conn?.lastRefresh ?? null);
  const retry = conn?.state === 'connecting' ? conn.retry : undefined;
  if ((load.loading || conn?.state === 'connecting') && retry) {
    return retryingStatus(retry, lastRefresh, load.loading ? (load.progress ?? 0) : 0);
  }
  if (load.loading) {
    const label = load.progress ? t.servers.status.loadingSoFar(load.progress) : t.servers.status.loading;
    return { state: 'loading', label, error: null, lastRefresh };
  }
  if (conn?.state === 'connecting')
    return { state: 'loading', label: t.servers.status.connecting, error: null, lastRefresh };
  const error = load.error ?? (conn?.state === 'error' ? conn.error : null);
  if (error) return { state: 'error', label: errorLabel(error), error, lastRefresh };
  if (load.failures.length > 0) {
    const label = t.servers.status.failedServices(load.failures.length);
    return { state: 'partial', label, error: load.failures[0]!.error, lastRefresh };
  }
  if (load.warnings.length > 0) {
    const error: AppError = { kind: 'server', message: load.warnings.map((w) => w.message).join(' ') };
    return { state: 'partial', label: t.servers.status.listedInPart, error, lastRefresh };
  }
  if (load.loadedAt !== null || conn?.state === 'connected') {
    return { state: 'connected', label: t.servers.status.connected, error: null, lastRefresh };
  }
  return { state: 'idle', label: t.servers.status.idle, error: null, lastRefresh };
}

/** `text` ended as a sentence, so a next one does not run on: "…: Service Unavailable. It asked…". */
function sentence(text: string): string {
  return /[.!?…]$/.test(text.trim()) ? text : `${text.trimEnd()}.`;
}

function latest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/** A few words for the sidebar; the full message is in the tooltip and the server form. */
function errorLabel(error: AppError): string {
  if (connectionFault(error) === 'closed') return t.servers.status.closed;
  if (error.kind === 'auth' && error.noPassword) return t.servers.status.noPassword;
  const words: Partial<Record<AppError['kind'], string>> = t.servers.status;
  return words[error.kind] ?? t.servers.status.error;
}

/** What the overview shows for a server it has no full counts for: still loading, not listed, or listed in part. */
export interface OverviewNote {
  label: string;
  failed: boolean;
  /** Listed in part: its counts are those of the services that answered. */
  partial?: boolean;
}

/** The overview's note for a server in `status`, or null when its counts (even 0) are all it has. */
export function overviewNote(status: ServerStatus): OverviewNote | null {
  if (status.state === 'loading') return { label: status.label, failed: false };
  if (status.state === 'error') return { label: status.label, failed: true };
  if (status.state === 'partial') return { label: status.label, failed: true, partial: true };
  return null;
}

/** The overview's notes of every server that has one, by profile id (see overviewNote). */
export function overviewNotes(servers: {
  profiles: readonly { id: string }[];
  load: (id: string) => ServerLoad;
  connections: Readonly<Record<string, ConnectionStateView | undefined>>;
}): Map<string, OverviewNote> {
  const notes = new Map<string, OverviewNote>();
  for (const { id } of servers.profiles) {
    const note = overviewNote(serverStatus(servers.load(id), servers.connections[id]));
    if (note) notes.set(id, note);
  }
  return notes;
}
