/**
 * The IPC contract: every channel declared once, with its payload schema (schemas.ts) and result type.
 * Main registers handlers from it, the preload derives its API from it, the renderer imports its types.
 */
import type { AppError, Result } from '../core/vocabulary';
import type { InvokeChannel, PayloadOf } from './schemas';
import type {
  BulkPlanView,
  BulkProgressView,
  ConnectionInfo,
  ConnectionStateView,
  CredentialState,
  GpService,
  HeldPlanView,
  ImportReport,
  JobDetailView,
  JobsPageView,
  PolicyListView,
  PolicyPreviewView,
  PolicyView,
  ProfileEntry,
  ProfileListView,
  RetentionView,
  RunResultsView,
  RunSummaryView,
  ServerJobsView,
  RetentionChangeView,
  ServerRetentionView,
} from './views';

/** What each invoke channel answers (always wrapped in a Result: expected failures are values). */
export interface ChannelResults {
  'profiles.list': ProfileListView;
  'profiles.save': ProfileEntry;
  'profiles.remove': { credentialWarning: AppError | null };
  'profiles.import': ImportReport;
  'profiles.export': { json: string };
  'profiles.test': ConnectionInfo;
  'profiles.testDraft': ConnectionInfo;
  /** A diagnostics report of the server's answer shapes (nothing identifying), as pretty JSON. */
  'profiles.diagnose': { text: string };
  'credentials.set': { stored: CredentialState };
  'credentials.clear': null;
  'credentials.status': { stored: CredentialState; keychainError: string | null };
  'jobs.discover': GpService[];
  'jobs.list': ServerJobsView;
  'jobs.detail': JobDetailView;
  /** The plan, held in the main process under `planId` until it is started or discarded. */
  'bulk.plan': HeldPlanView;
  'bulk.start': { runId: string; plan: BulkPlanView };
  'bulk.discard': null;
  'bulk.pause': null;
  'bulk.resume': null;
  'bulk.abort': null;
  'bulk.retryFailed': { runId: string; plan: BulkPlanView };
  'bulk.exportResults': { fileName: string; mimeType: string; text: string };
  'bulk.listRuns': RunSummaryView[];
  'bulk.runResults': RunResultsView;
  'bulk.retention': RetentionView;
  'policies.list': PolicyListView;
  'policies.save': PolicyView;
  'policies.remove': null;
  'policies.import': { added: string[]; skipped: Array<{ name: string; reason: string }> };
  'policies.export': { json: string };
  'policies.preview': PolicyPreviewView;
  'policies.start': { runId: string; plan: BulkPlanView };
  'profiles.retention': ServerRetentionView;
  'profiles.changeRetention': RetentionChangeView;
  'app.openExternal': null;
}

/** Events main pushes to the renderer. */
export interface EventPayloads {
  'bulk.progress': BulkProgressView;
  'connection.state': ConnectionStateView;
  /** A batch of a streamed listing; sent only to the window or page that asked for it. */
  'jobs.page': JobsPageView;
}

/** Every event channel name. */
export type EventChannel = keyof EventPayloads;

/** The event channel names, as values (for registration checks). */
export const EVENT_CHANNELS = [
  'bulk.progress',
  'connection.state',
  'jobs.page',
] as const satisfies readonly EventChannel[];

/**
 * The invoke channel names, as values. A plain list (not `Object.keys(payloadSchemas)`) so the preload
 * bundle does not carry the validation library; the type below fails to compile if it misses a channel.
 */
export const INVOKE_CHANNELS = [
  'profiles.list',
  'profiles.save',
  'profiles.remove',
  'profiles.import',
  'profiles.export',
  'profiles.test',
  'profiles.testDraft',
  'profiles.diagnose',
  'credentials.set',
  'credentials.clear',
  'credentials.status',
  'jobs.discover',
  'jobs.list',
  'jobs.detail',
  'bulk.plan',
  'bulk.start',
  'bulk.discard',
  'bulk.pause',
  'bulk.resume',
  'bulk.abort',
  'bulk.retryFailed',
  'bulk.exportResults',
  'bulk.listRuns',
  'bulk.runResults',
  'bulk.retention',
  'policies.list',
  'policies.save',
  'policies.remove',
  'policies.import',
  'policies.export',
  'policies.preview',
  'policies.start',
  'profiles.retention',
  'profiles.changeRetention',
  'app.openExternal',
] as const satisfies readonly InvokeChannel[];

type MissingChannel = Exclude<InvokeChannel, (typeof INVOKE_CHANNELS)[number]>;
/** Compile-time proof that INVOKE_CHANNELS lists every channel with a schema. */
export const EVERY_CHANNEL_LISTED: [MissingChannel] extends [never] ? true : MissingChannel = true;

/** The string actually sent over Electron IPC for a contract channel. */
export function ipcName(channel: InvokeChannel | EventChannel): string {
  return `gpjobs:${channel}`;
}

/** The result of a channel as the renderer receives it. */
export type ChannelResult<C extends InvokeChannel> = Result<ChannelResults[C]>;

/**
 * Who sent a request, as a handler may answer it besides its Result: `push` sends an event to that window
 * or page only (a streamed listing's batches). Absent where nobody can receive events (the CLI, tests).
 */
export interface Caller {
  push<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void;
}

/** A main-process handler for one channel: gets a parsed payload (and its caller), returns a Result. */
export type ChannelHandler<C extends InvokeChannel> = (
  payload: PayloadOf<C>,
  caller?: Caller,
) => Promise<ChannelResult<C>>;

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
    onJobsPage(listener: (event: JobsPageView) => void): () => void;
  };
}

/** The API the preload exposes as `window.gpjobs`: one method per operation, nothing else. */
export type GpJobsApi = InvokeApi & EventApi;

/** Maps each subscription method to its event channel. */
export const SUBSCRIPTIONS = {
  onBulkProgress: 'bulk.progress',
  onConnectionState: 'connection.state',
  onJobsPage: 'jobs.page',
} as const satisfies Record<keyof EventApi['events'], EventChannel>;

/** Splits a channel name into the preload API's namespace and method. */
export function apiPath(channel: InvokeChannel): [namespace: string, method: string] {
  const dot = channel.indexOf('.');
  return [channel.slice(0, dot), channel.slice(dot + 1)];
}
