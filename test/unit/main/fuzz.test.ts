import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/main/dispatch';
import { INVOKE_CHANNELS } from '../../../electron/shared/contract';
import { stubHandlers } from '../shared/stub-handlers';
import { seededRandom } from '../../fixtures/seeded-random';
import { malformedCases } from './malformed-payloads';

const SEED = 0x6a0b5;

function unknownChannels(seed: number): unknown[] {
  const random = seededRandom(seed);
  const names: unknown[] = [
    '',
    'profiles',
    'profiles.',
    '.list',
    'Profiles.list',
    'profiles.list ',
    'gpjobs:profiles.list',
    'profiles.list\u0000',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'jobs.deleteAll',
    'x'.repeat(100_000),
    null,
    undefined,
    42,
    {},
    ['profiles.list'],
    Symbol('profiles.list'),
  ];
  while (names.length < 100) {
    const length = 1 + Math.floor(random() * 40);
    names.push(Array.from({ length }, () => String.fromCharCode(32 + Math.floor(random() * 95))).join(''));
  }
  return names;
}

describe('dispatch under fuzzing', () => {
  it('rejects over 1,000 malformed payloads across every channel with a clear error, running no handler', async () => {
    const cases = malformedCases(SEED, 60);
    expect(cases.length).toBeGreaterThanOrEqual(1_000);
    for (const channel of INVOKE_CHANNELS) {
      expect(cases.filter((c) => c.channel === channel).length, channel).toBeGreaterThanOrEqual(50);
    }

    const stub = stubHandlers();
    for (const { channel, kind, payload } of cases) {
      const result = await dispatch(channel, payload, stub.handlers);
      const where = `${channel} (${kind})`;
      expect(result.ok, where).toBe(false);
      if (result.ok) continue;
      expect(result.error.kind, where).toBe('invalid-input');
      expect(result.error.message, where).toMatch(
        new RegExp(`^Rejected a malformed request to ${channel.replace('.', '\\.')}( at "[^"]+")?: .+\\.$`),
      );
      expect(result.error.message.length, where).toBeLessThan(400);
    }
    expect(stub.totalCalls()).toBe(0);
  });

  it('covers every kind of breakage', () => {
    const kinds = new Set(malformedCases(SEED, 60).map((c) => c.kind));
    for (const kind of [
      'wrong-root-type',
      'wrong-type',
      'missing-field',
      'extra-key',
      'polluting-key',
      'string-past-limit',
      'array-past-limit',
      'empty-string',
      'empty-array',
      'bad-enum',
      'defined-for-no-payload',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
  });

  it('rejects requests on unknown or non-string channel names without running a handler', async () => {
    const stub = stubHandlers();
    for (const channel of unknownChannels(SEED)) {
      const result = await dispatch(channel, { profileId: 'p-1' }, stub.handlers);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.kind).toBe('invalid-input');
        expect(result.error.message).toMatch(
          /^Rejected a request to (the unknown channel ".*"|a \w+ channel name)\.$/s,
        );
        expect(result.error.message.length).toBeLessThan(200);
      }
    }
    expect(stub.totalCalls()).toBe(0);
  });

  it('leaves Object.prototype untouched by __proto__ and constructor payloads', async () => {
    const stub = stubHandlers();
    const polluting = JSON.parse(
      '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}',
    );
    for (const channel of INVOKE_CHANNELS) await dispatch(channel, polluting, stub.handlers);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
