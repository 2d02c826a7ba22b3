/**
 * Connection state per server (idle, connecting, connected, error) with the time of the last good refresh,
 * so the sidebar can show it live. Listeners get every change.
 */
import type { ReadRetryNotice } from '../arcgis';
import type { AppError, ConnectionPhase, ConnectionState } from '../types';

export type { ConnectionPhase, ConnectionState };

/** Holds the connection state of every server and tells listeners when one changes. */
export class ConnectionTracker {
  private readonly states = new Map<string, ConnectionState>();
  private readonly listeners = new Set<(state: ConnectionState) => void>();
  /**
   * Per server being contacted: its reads retrying or waiting out a pause now (a read's first notice starts
   * one, a recovery or a give-up ends it).
   */
  private readonly retryingReads = new Map<string, number>();

  /** The state of one server (idle when never contacted). */
  get(profileId: string): ConnectionState {
    return this.states.get(profileId) ?? { profileId, state: 'idle', error: null, lastRefresh: null };
  }

  /** Records a change; `lastRefresh` is kept from before unless given. */
  set(profileId: string, state: ConnectionPhase, error: AppError | null = null, lastRefresh?: number): void {
    const next: ConnectionState = {
      profileId,
      state,
      error,
      lastRefresh: lastRefresh ?? this.get(profileId).lastRefresh,
    };
    this.states.set(profileId, next);
    this.retryingReads.delete(profileId);
    for (const listener of this.listeners) listener(next);
  }

  /**
   * A read of the server failed and is tried again, or waits before it is sent out a pause the server asked
   * for answering another request (`notice`), or one that told either ended (null: it got through, or
   * failed for good). Only while the server is being contacted (a listing, a test, a
   * discovery), and only for that contact's reads (`CallOptions.reportRetries`): a bulk run's or a job
   * detail's reads leave the sidebar's state as it was. A listing's pages retry side by side: the notice
   * stays until every read that retried has ended (and the count restarts with each `set`), and shows the
   * furthest attempt, so it never counts back.
   */
  retrying(profileId: string, notice: ReadRetryNotice | null, at: number): void {
    const current = this.states.get(profileId);
    if (current?.state !== 'connecting' || (notice === null && !current.retry)) return;
    const reads = this.retryingReads.get(profileId) ?? 0;
    const now = notice === null ? Math.max(0, reads - 1) : notice.first ? reads + 1 : Math.max(1, reads);
    this.retryingReads.set(profileId, now);
    if (notice === null && now > 0) return;
    if (notice && current.retry && notice.attempt < current.retry.attempt) return;
    const { retry: _, ...rest } = current;
    const next: ConnectionState = notice
      ? {
          ...rest,
          retry: {
            attempt: notice.attempt,
            attempts: notice.attempts,
            reason: notice.error,
            waitMs: notice.waitMs,
            at,
            ...(notice.paused ? { paused: true } : {}),
          },
        }
      : rest;
    this.states.set(profileId, next);
    for (const listener of this.listeners) listener(next);
  }

  /** The listing of a server being contacted read a page of jobs: told once per contact (`readJobs`). */
  listed(profileId: string): void {
    const current = this.states.get(profileId);
    if (current?.state !== 'connecting' || current.readJobs) return;
    const next: ConnectionState = { ...current, readJobs: true };
    this.states.set(profileId, next);
    for (const listener of this.listeners) listener(next);
  }

  /** Drops a deleted profile's state. */
  forget(profileId: string): void {
    this.states.delete(profileId);
    this.retryingReads.delete(profileId);
  }

  /** Subscribes to changes; returns the unsubscribe. */
  subscribe(listener: (state: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
