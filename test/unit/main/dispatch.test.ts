import { describe, expect, it } from 'vitest';
import { ok } from '../../../electron/core/types';
import { dispatch, isInvokeChannel } from '../../../electron/main/dispatch';
import type { ChannelHandlers } from '../../../electron/shared/contract';
import { stubHandlers } from '../shared/stub-handlers';
import { VALID_PAYLOADS } from '../shared/valid-payloads';

describe('dispatch', () => {
  it('hands the handler the parsed payload (trimmed by the schema) and returns its result', async () => {
    const stub = stubHandlers();
    const input = { ...VALID_PAYLOADS['profiles.save'], name: '  Production GIS  ' };
    await expect(dispatch('profiles.save', input, stub.handlers)).resolves.toEqual(ok(null));
    expect(stub.calls.get('profiles.save')).toEqual([{ ...input, name: 'Production GIS' }]);
  });

  it('rejects an unknown channel with a clear invalid-input error', async () => {
    const stub = stubHandlers();
    const result = await dispatch('jobs.dropAll', {}, stub.handlers);
    expect(result).toEqual({
      ok: false,
      error: { kind: 'invalid-input', message: 'Rejected a request to the unknown channel "jobs.dropAll".' },
    });
    expect(stub.totalCalls()).toBe(0);
  });

  it('treats inherited names such as __proto__ and toString as unknown channels', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(isInvokeChannel(name), name).toBe(false);
    }
  });

  it('names the channel and the bad field when a payload is malformed', async () => {
    const stub = stubHandlers();
    const result = await dispatch('jobs.detail', { profileId: 'p-1', service: 7, jobId: 'j' }, stub.handlers);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('invalid-input');
      expect(result.error.message).toMatch(/^Rejected a malformed request to jobs\.detail at "service": /);
    }
    expect(stub.totalCalls()).toBe(0);
  });

  it('turns a throwing handler into an internal error and logs it without the payload', async () => {
    const logged: string[] = [];
    const handlers = {
      ...stubHandlers().handlers,
      'credentials.set': async () => {
        throw new Error('keychain exploded');
      },
    } as ChannelHandlers;
    const payload = { profileId: 'p-1', password: 'hunter2-secret' };
    const result = await dispatch('credentials.set', payload, handlers, (line) => logged.push(line));
    expect(result).toEqual({
      ok: false,
      error: { kind: 'server', message: 'Internal error in credentials.set: keychain exploded' },
    });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('Internal error in credentials.set: keychain exploded');
    expect(logged[0]).not.toContain('hunter2-secret');
  });

  it('survives a payload whose getter throws', async () => {
    const stub = stubHandlers();
    const hostile = {
      get profileId(): string {
        throw new Error('boom');
      },
    };
    const result = await dispatch('profiles.remove', hostile, stub.handlers);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('invalid-input');
    expect(stub.totalCalls()).toBe(0);
  });
});
