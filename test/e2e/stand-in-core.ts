/**
 * TEMPORARY stand-in for `createAppCore` from electron/main/handlers.ts (the lead's file, not written yet),
 * with the agreed signature, so the harness runs before the real core exists. Lists are empty, everything
 * else answers a `config` error. Delete it, and import from '../../electron/main/handlers' in
 * harness/app-core.ts, once the real one lands.
 */
import { err, ok } from '../../electron/core/types';
import {
  INVOKE_CHANNELS,
  type ChannelHandlers,
  type EventChannel,
  type EventPayloads,
} from '../../electron/shared/contract';

/** The options of the real `createAppCore`. */
export interface AppCoreOptions {
  configDir: string;
  managedProfilesPath: string | null;
  keychainService?: string;
  fetchFactory?: unknown;
  openExternal: (url: string) => Promise<void>;
}

/** What the real `createAppCore` returns. */
export interface AppCore {
  handlers: ChannelHandlers;
  onEvent<E extends EventChannel>(channel: E, listener: (payload: EventPayloads[E]) => void): () => void;
  dispose(): Promise<void>;
}

/** A core that answers every channel without doing anything. */
export function createAppCore(_options: AppCoreOptions): AppCore {
  const notYet = async () =>
    err({ kind: 'config', message: 'The stand-in core does not implement this yet.' });
  const handlers = Object.fromEntries(
    INVOKE_CHANNELS.map((channel) => [channel, notYet]),
  ) as unknown as ChannelHandlers;
  handlers['profiles.list'] = async () => ok([]);
  handlers['bulk.listRuns'] = async () => ok([]);
  return { handlers, onEvent: () => () => undefined, dispose: async () => undefined };
}
