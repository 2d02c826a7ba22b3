/**
 * A complete handler set of spies, one per channel, typed as `ChannelHandlers` so a missing or extra handler
 * fails to compile. Each answers `ok(null)` and records the payloads it received.
 */
import { ok } from '../../../electron/core/types';
import { INVOKE_CHANNELS, type ChannelHandlers } from '../../../electron/shared/contract';
import type { InvokeChannel } from '../../../electron/shared/schemas';

/** Handlers plus what each one received. */
export interface StubHandlers {
  handlers: ChannelHandlers;
  calls: Map<InvokeChannel, unknown[]>;
  totalCalls(): number;
}

/** Builds a fresh spy handler set. */
export function stubHandlers(): StubHandlers {
  const calls = new Map<InvokeChannel, unknown[]>();
  const handlers = Object.fromEntries(
    INVOKE_CHANNELS.map((channel) => [
      channel,
      async (payload: unknown) => {
        const list = calls.get(channel) ?? [];
        list.push(payload);
        calls.set(channel, list);
        return ok(null);
      },
    ]),
  ) as unknown as ChannelHandlers;
  return {
    handlers,
    calls,
    totalCalls: () => [...calls.values()].reduce((sum, list) => sum + list.length, 0),
  };
}
