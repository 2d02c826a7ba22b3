/**
 * The IPC contract: every channel declared once, with its payload schema (schemas.ts) and result type.
 * Main registers handlers from it, the preload derives its API from it, the renderer imports its types.
 */
import type { Result } from '../core/types';
import { payloadSchemas, type InvokeChannel, type PayloadOf } from './schemas';
import type {
  BulkPlanView,
  BulkProgressView,
  ConnectionInfo,
  ConnectionStateView,
  CredentialState,
  GpService,
  ImportReport,
  JobDetailView,
  ProfileEntry,
  ProfileView,
  RunSummaryView,
  ServerJobsView,
} from './views';

/** What each invoke channel answers (always wrapped in a Result: expected failures are values). */
export interface ChannelResults {
  'profiles.list': ProfileView[];
  'profiles.save': ProfileEntry;
  'profiles.remove': null;
  'profiles.import': ImportReport;
  'profiles.export': { json: string };
  'profiles.test': ConnectionInfo;
  'credentials.set': { stored: CredentialState };
  'credentials.clear': null;
  'credentials.status': { stored: CredentialState; keychainError: string | null };
  'jobs.discover': GpService[];
  'jobs.list': ServerJobsView;
  'jobs.detail': JobDetailView;
  'bulk.plan': BulkPlanView;
  'bulk.start': { runId: string; plan: BulkPlanView };
  'bulk.pause': null;
  'bulk.resume': null;
  'bulk.abort': null;
  'bulk.retryFailed': { runId: string; plan: BulkPlanView };
  'bulk.exportResults': { fileName: string; mimeType: string; text: string };
  'bulk.listRuns': RunSummaryView[];
  'app.openExternal': null;
}

/** Events main pushes to the renderer. */
export interface EventPayloads {
  'bulk.progress': BulkProgressView;
  'connection.state': ConnectionStateView;
}

/** Every event channel name. */
export type EventChannel = keyof EventPayloads;

/** The event channel names, as values (for registration checks). */
export const EVENT_CHANNELS = [
  'bulk.progress',
  'connection.state',
] as const satisfies readonly EventChannel[];

/** The invoke channel names, as values. */
export const INVOKE_CHANNELS = Object.keys(payloadSchemas) as InvokeChannel[];

/** The string actually sent over Electron IPC for a contract channel. */
export function ipcName(channel: InvokeChannel | EventChannel): string {
  return `gpjobs:${channel}`;
}

/** The result of a channel as the renderer receives it. */
export type ChannelResult<C extends InvokeChannel> = Result<ChannelResults[C]>;

/** A main-process handler for one channel: gets a parsed payload, returns a Result. */
export type ChannelHandler<C extends InvokeChannel> = (payload: PayloadOf<C>) => Promise<ChannelResult<C>>;

/** Handlers for every channel: main must provide exactly these. */
export type ChannelHandlers = { [C in InvokeChannel]: ChannelHandler<C> };

type Namespace<C extends string> = C extends `${infer N}.${string}` ? N : never;
type Method<C extends string, N extends string> = C extends `${N}.${infer M}` ? M : never;
type ApiMethod<C extends InvokeChannel> =
  undefined extends PayloadOf<C>
    ? () => Promise<ChannelResult<C>>
    : (payload: PayloadOf<C>) => Promise<ChannelResult<C>>;

type InvokeApi = {
  [N in Namespace<InvokeChannel>]: {
    [M in Method<InvokeChannel, N>]: ApiMethod<Extract<`${N}.${M}`, InvokeChannel>>;
  };
};

/** Subscriptions: one per event, each returning its unsubscribe. */
export interface EventApi {
  events: {
    onBulkProgress(listener: (event: BulkProgressView) => void): () => void;
    onConnectionState(listener: (event: ConnectionStateView) => void): () => void;
  };
}

/** The API the preload exposes as `window.gpjobs`: one method per operation, nothing else. */
export type GpJobsApi = InvokeApi & EventApi;

/** Maps each subscription method to its event channel. */
export const SUBSCRIPTIONS = {
  onBulkProgress: 'bulk.progress',
  onConnectionState: 'connection.state',
} as const satisfies Record<keyof EventApi['events'], EventChannel>;

/** Splits a channel name into the preload API's namespace and method. */
export function apiPath(channel: InvokeChannel): [namespace: string, method: string] {
  const dot = channel.indexOf('.');
  return [channel.slice(0, dot), channel.slice(dot + 1)];
}

/**
 * Parses an untrusted payload for a channel. A failure is a value with a message naming the bad field,
 * so the renderer sees a clear error and no handler runs on bad input.
 */
export function parsePayload<C extends InvokeChannel>(channel: C, payload: unknown): Result<PayloadOf<C>> {
  const schema = payloadSchemas[channel];
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data as PayloadOf<C> };
  const first = parsed.error.issues[0];
  const where = first && first.path.length > 0 ? ` at "${first.path.join('.')}"` : '';
  return {
    ok: false,
    error: {
      kind: 'invalid-input',
      message: `Rejected a malformed request to ${channel}${where}: ${first?.message ?? 'invalid payload'}.`,
    },
  };
}
