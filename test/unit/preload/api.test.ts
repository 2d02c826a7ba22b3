import { describe, expect, it } from 'vitest';
import { ok } from '../../../electron/core/types';
import { buildApi, type ApiTransport } from '../../../electron/preload/api';
import type { EventChannel } from '../../../electron/shared/contract';

function fakeTransport() {
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  const invoked: unknown[][] = [];
  const transport: ApiTransport = {
    invoke: async (channel, payload) => {
      invoked.push([channel, payload]);
      return ok('answer');
    },
    subscribe: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  };
  const push = (channel: EventChannel, payload: unknown) =>
    listeners.get(channel)?.forEach((l) => l(payload));
  return { transport, invoked, listeners, push };
}

describe('buildApi (the preload API)', () => {
  it('resolves a method with whatever main answered', async () => {
    const { transport, invoked } = fakeTransport();
    const api = buildApi(transport);
    await expect(api.profiles.remove({ profileId: 'p-1' })).resolves.toEqual(ok('answer'));
    expect(invoked).toEqual([['profiles.remove', { profileId: 'p-1' }]]);
  });

  it('sends an argument-less method with an undefined payload', async () => {
    const { transport, invoked } = fakeTransport();
    await buildApi(transport).profiles.list();
    expect(invoked).toEqual([['profiles.list', undefined]]);
  });

  it('passes only the event payload to a subscriber', () => {
    const { transport, push } = fakeTransport();
    const received: unknown[][] = [];
    buildApi(transport).events.onBulkProgress((...args: unknown[]) => received.push(args));
    push('bulk.progress', { runId: 'r1', done: 3 });
    expect(received).toEqual([[{ runId: 'r1', done: 3 }]]);
  });

  it('stops delivering after unsubscribe, and unsubscribing twice is harmless', () => {
    const { transport, push, listeners } = fakeTransport();
    const received: unknown[] = [];
    const unsubscribe = buildApi(transport).events.onConnectionState((event) => received.push(event));
    push('connection.state', { profileId: 'p-1', state: 'connecting' });
    unsubscribe();
    unsubscribe();
    push('connection.state', { profileId: 'p-1', state: 'connected' });
    expect(received).toEqual([{ profileId: 'p-1', state: 'connecting' }]);
    expect(listeners.get('connection.state')?.size).toBe(0);
  });

  it('refuses a subscription without a listener function', () => {
    const api = buildApi(fakeTransport().transport);
    expect(() => api.events.onBulkProgress('not a function' as never)).toThrow(/needs a listener function/);
  });

  it('cannot be extended or altered by the page', () => {
    const api = buildApi(fakeTransport().transport) as unknown as Record<string, Record<string, unknown>>;
    expect(Object.isFrozen(api)).toBe(true);
    for (const ns of Object.keys(api)) expect(Object.isFrozen(api[ns]), ns).toBe(true);
    expect(() => {
      api.invoke = {};
    }).toThrow(TypeError);
    expect(() => {
      (api.jobs as Record<string, unknown>).invoke = () => undefined;
    }).toThrow(TypeError);
    expect(Object.getPrototypeOf(api)).toBeNull();
  });
});
