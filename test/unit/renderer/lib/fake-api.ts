/**
 * A fake of the preload's API (`window.gpjobs`, typed by GpJobsApi in electron/shared/contract.ts) for the
 * renderer's rune classes: every channel of the contract, answered by what a test sets with `answer`, every
 * call recorded, events pushed with `emit`. A channel nobody answered fails the call loudly, so a test never
 * passes on a default it did not choose.
 */
import {
  INVOKE_CHANNELS,
  SUBSCRIPTIONS,
  apiPath,
  type ChannelResults,
  type EventPayloads,
  type GpJobsApi,
} from '../../../../electron/shared/contract';
import type { InvokeChannel, PayloadOf } from '../../../../electron/shared/schemas';
import { SERVER_COLORS } from '../../../../electron/shared/server-colors';
import type {
  AppError,
  ListedJob,
  ProfileView,
  Result,
  ServerJobsView,
} from '../../../../electron/shared/views';

/** An answer: a Result (or its promise) computed from the payload. */
export type Answer<C extends InvokeChannel> = (
  payload: PayloadOf<C>,
) => Result<ChannelResults[C]> | Promise<Result<ChannelResults[C]>>;

/** One recorded call. */
export interface Call {
  channel: InvokeChannel;
  payload: unknown;
}

/** The fake, with its controls. */
export interface FakeApi {
  api: GpJobsApi;
  calls: Call[];
  /** Sets how a channel answers from now on. */
  answer<C extends InvokeChannel>(channel: C, answer: Answer<C>): void;
  /** The payloads sent on one channel, in order. */
  payloads<C extends InvokeChannel>(channel: C): PayloadOf<C>[];
  /** Pushes an event to every subscriber of its channel. */
  emit<E extends keyof EventPayloads>(channel: E, event: EventPayloads[E]): void;
  /** How many listeners an event channel has. */
  listeners(channel: keyof EventPayloads): number;
}

/** A success value. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A failure value. */
export function fail(kind: AppError['kind'], message: string): Result<never> {
  return { ok: false, error: { kind, message } };
}

/** A promise with its resolver outside, for answers a test releases when it chooses. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A new fake API with no answers set. */
export function fakeApi(): FakeApi {
  const answers = new Map<InvokeChannel, (payload: unknown) => unknown>();
  const subscribers = new Map<string, Set<(event: unknown) => void>>();
  const calls: Call[] = [];
  const api: Record<string, Record<string, unknown>> = {};
  for (const channel of INVOKE_CHANNELS) {
    const [ns, method] = apiPath(channel);
    api[ns] ??= {};
    api[ns][method] = async (payload?: unknown) => {
      calls.push({ channel, payload });
      const answer = answers.get(channel);
      if (!answer) throw new Error(`fake API: no answer set for ${channel}`);
      return answer(payload);
    };
  }
  const events: Record<string, unknown> = {};
  for (const [method, channel] of Object.entries(SUBSCRIPTIONS)) {
    events[method] = (listener: (event: unknown) => void) => {
      const set = subscribers.get(channel) ?? new Set();
      subscribers.set(channel, set);
      set.add(listener);
      return () => set.delete(listener);
    };
  }
  api.events = events;
  return {
    api: api as unknown as GpJobsApi,
    calls,
    answer(channel, answer) {
      answers.set(channel, answer as (payload: unknown) => unknown);
    },
    payloads(channel) {
      return calls.filter((c) => c.channel === channel).map((c) => c.payload as PayloadOf<typeof channel>);
    },
    emit(channel, event) {
      for (const listener of subscribers.get(channel) ?? []) listener(event);
    },
    listeners(channel) {
      return subscribers.get(channel)?.size ?? 0;
    },
  };
}

/** A Storage kept in memory (localStorage's interface), optionally refusing writes. */
export function memoryStorage(initial: Record<string, string> = {}, refuseWrites = false): Storage {
  const items = new Map(Object.entries(initial));
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => {
      if (refuseWrites) throw new Error('QuotaExceededError');
      items.set(key, value);
    },
  };
}

/** A profile as the sidebar lists it; override only what a test is about. */
export function profile(id: string, overrides: Partial<ProfileView> = {}): ProfileView {
  return {
    id,
    name: id.toUpperCase(),
    color: SERVER_COLORS[0],
    serverUrl: `https://${id}.example.com/arcgis`,
    username: 'admin',
    authMode: 'server',
    portalUrl: null,
    adminUrl: null,
    caCertPem: null,
    production: false,
    concurrency: 8,
    managed: false,
    credential: 'keychain',
    ...overrides,
  };
}

/** A server's job listing, as `jobs.list` answers it. */
export function listing(profileId: string, jobs: ListedJob[]): ServerJobsView {
  return { profileId, services: 1, jobs, failures: [], warnings: [] };
}
