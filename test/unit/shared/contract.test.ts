import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { err, ok } from '../../../electron/core/types';
import { dispatch } from '../../../electron/main/dispatch';
import { createAppCore } from '../../../electron/main/app-core';
import { buildApi } from '../../../electron/preload/api';
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  SUBSCRIPTIONS,
  apiPath,
  ipcName,
  type ChannelHandlers,
  type EventChannel,
  type GpJobsApi,
} from '../../../electron/shared/contract';
import { payloadSchemas, type InvokeChannel } from '../../../electron/shared/schemas';
import { stubHandlers } from './stub-handlers';
import { VALID_PAYLOADS } from './valid-payloads';

const notWired = async () => err({ kind: 'config', message: 'not wired in this test' });

/**
 * Written out key by key and typed `ChannelHandlers`: the compiler rejects a missing channel and, through
 * the excess-property check, a handler for a channel the contract does not declare.
 */
const handlersByName: ChannelHandlers = {
  'profiles.list': async () => ok({ profiles: [], problems: [] }),
  'profiles.save': notWired,
  'profiles.remove': async () => ok({ credentialWarning: null }),
  'profiles.import': notWired,
  'profiles.export': notWired,
  'profiles.test': notWired,
  'profiles.testDraft': notWired,
  'profiles.diagnose': notWired,
  'credentials.set': notWired,
  'credentials.clear': async () => ok(null),
  'credentials.status': notWired,
  'jobs.discover': async () => ok([]),
  'jobs.list': notWired,
  'jobs.detail': notWired,
  'bulk.plan': notWired,
  'bulk.start': notWired,
  'bulk.discard': async () => ok(null),
  'bulk.pause': async () => ok(null),
  'bulk.resume': async () => ok(null),
  'bulk.abort': async () => ok(null),
  'bulk.retryFailed': notWired,
  'bulk.exportResults': notWired,
  'bulk.listRuns': async () => ok([]),
  'bulk.runResults': notWired,
  'bulk.retention': async () => ok({ keepDays: null, minimumDays: null, removed: 0 }),
  'policies.list': async () => ok({ policies: [], problems: [] }),
  'policies.save': notWired,
  'policies.remove': async () => ok(null),
  'policies.import': notWired,
  'policies.export': notWired,
  'policies.preview': notWired,
  'policies.start': notWired,
  'profiles.retention': notWired,
  'profiles.changeRetention': notWired,
  'app.openExternal': async () => ok(null),
};

function recordingTransport() {
  const invoked: { channel: InvokeChannel; payload: unknown }[] = [];
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  return {
    invoked,
    listeners,
    transport: {
      invoke: async (channel: InvokeChannel, payload: unknown) => {
        invoked.push({ channel, payload });
        return ok(null);
      },
      subscribe: (channel: EventChannel, listener: (payload: unknown) => void) => {
        const set = listeners.get(channel) ?? new Set();
        set.add(listener);
        listeners.set(channel, set);
        return () => set.delete(listener);
      },
    },
  };
}

/** Every `namespace.method` path a built API exposes, walking own keys (symbols included). */
function exposedPaths(api: GpJobsApi): string[] {
  const paths: string[] = [];
  for (const ns of Reflect.ownKeys(api)) {
    const inner = (api as unknown as Record<string | symbol, object>)[ns] as object;
    for (const method of Reflect.ownKeys(inner)) paths.push(`${String(ns)}.${String(method)}`);
  }
  return paths.sort();
}

describe('the IPC contract', () => {
  it('declares channel names once, as namespace.method, each with a distinct IPC name', () => {
    for (const channel of INVOKE_CHANNELS) expect(channel).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    const names = [...INVOKE_CHANNELS, ...EVENT_CHANNELS].map(ipcName);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives every channel a payload schema that accepts a well-formed payload', () => {
    for (const channel of INVOKE_CHANNELS) {
      expect(typeof payloadSchemas[channel].safeParse, channel).toBe('function');
      expect(payloadSchemas[channel].safeParse(VALID_PAYLOADS[channel]).success, channel).toBe(true);
    }
    expect(Object.keys(VALID_PAYLOADS).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('lists exactly the channels that have a payload schema, once each', () => {
    expect([...INVOKE_CHANNELS].sort()).toEqual(Object.keys(payloadSchemas).sort());
    expect(new Set(INVOKE_CHANNELS).size).toBe(INVOKE_CHANNELS.length);
  });

  it('has exactly one handler per channel in a ChannelHandlers set', () => {
    expect(Object.keys(handlersByName).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('is fully implemented by the main process’s handlers, with no extra handler', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gpjobs-contract-'));
    const core = createAppCore({
      configDir: path.join(dir, 'config'),
      managedProfilesPath: null,
      keychainService: `gp-job-admin-test-${crypto.randomBytes(6).toString('hex')}`,
      openExternal: async () => undefined,
    });
    try {
      expect(Object.keys(core.handlers).sort()).toEqual([...INVOKE_CHANNELS].sort());
      for (const channel of INVOKE_CHANNELS) expect(typeof core.handlers[channel], channel).toBe('function');
    } finally {
      await core.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('routes a valid request on every channel to that channel’s handler and no other', async () => {
    const stub = stubHandlers();
    for (const channel of INVOKE_CHANNELS) {
      const result = await dispatch(channel, VALID_PAYLOADS[channel], stub.handlers);
      expect(result, channel).toEqual({ ok: true, value: null });
      expect(stub.calls.get(channel), channel).toHaveLength(1);
    }
    expect(stub.totalCalls()).toBe(INVOKE_CHANNELS.length);
  });

  it('gives every channel a preload method that sends on that channel', async () => {
    const { transport, invoked } = recordingTransport();
    const api = buildApi(transport) as unknown as Record<
      string,
      Record<string, (p?: unknown) => Promise<unknown>>
    >;
    for (const channel of INVOKE_CHANNELS) {
      const [ns, method] = apiPath(channel);
      const fn = api[ns]?.[method];
      expect(typeof fn, channel).toBe('function');
      await fn?.(VALID_PAYLOADS[channel]);
      expect(invoked.at(-1), channel).toEqual({ channel, payload: VALID_PAYLOADS[channel] });
    }
  });

  it('gives every event channel exactly one subscription method', () => {
    expect(Object.values(SUBSCRIPTIONS).sort()).toEqual([...EVENT_CHANNELS].sort());
  });

  it('has the preload expose the contract’s methods and nothing else', () => {
    const api = buildApi(recordingTransport().transport);
    const expected = [
      ...INVOKE_CHANNELS.map((channel) => apiPath(channel).join('.')),
      ...Object.keys(SUBSCRIPTIONS).map((method) => `events.${method}`),
    ].sort();
    expect(exposedPaths(api)).toEqual(expected);
  });
});
