import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/io';
import { noteRetries, retryNote } from '../../../electron/cli/retry-notes';
import type { ConnectionState, JobAdminService } from '../../../electron/core';
import { ConnectionTracker } from '../../../electron/core/service/connection-tracker';

const refused = { kind: 'network' as const, message: 'sim:1 refused the connection. Is the server running?' };

describe('retryNote', () => {
  it('names no wait for a jitter, even one over a second', () => {
    const note = retryNote('Flaky', { attempt: 4, attempts: 4, reason: refused, waitMs: 1_100, at: 0 });
    expect(note).toBe(`gpjobs: "Flaky" is not answering: ${refused.message} Retry 4 of 4…`);
  });

  it('says the server asked to wait, not "not answering", for a Retry-After, and names the wait', () => {
    const reason = { kind: 'server' as const, message: 'Busy (code 503)', code: 503, retryAfterMs: 3_000 };
    const note = retryNote('Busy', { attempt: 2, attempts: 4, reason, waitMs: 3_000, at: 0 });
    expect(note).toBe('gpjobs: "Busy" asked to wait 3 s: Busy (code 503). Retry 2 of 4 in 3 s…');
  });
});

describe('retryNote of a read waiting out a pause another answer asked for', () => {
  it('says why and until when, not "not answering"', () => {
    const reason = {
      kind: 'server' as const,
      message: 'gis answered 429 Too Many Requests',
      code: 429,
      retryAfterMs: 30_000,
    };
    const at = new Date(2026, 11, 3, 17, 4, 33).getTime();
    const note = retryNote('Busy', { attempt: 1, attempts: 4, reason, waitMs: 30_000, at, paused: true });
    expect(note).toBe(
      'gpjobs: "Busy" asked (answering another request) that nothing be sent until 17:05:03: gis answered 429 Too Many Requests. Waiting until then…',
    );
  });
});

describe('retryNote of a listing that has read jobs', () => {
  it('says the server answered earlier reads and one is retried, with the wait it asked for', () => {
    const reason = { kind: 'server' as const, message: 'Busy (code 503)', code: 503, retryAfterMs: 3_000 };
    const note = retryNote('Busy', { attempt: 2, attempts: 4, reason, waitMs: 3_000, at: 0 }, true);
    expect(note).toBe(
      'gpjobs: "Busy" answered earlier reads; retrying one (2 of 4) in 3 s: Busy (code 503).',
    );
  });

  it('does not put "answered" beside "before answering" for a read the server closed', () => {
    const reason = { kind: 'network' as const, message: 'sim:1 closed the connection before answering.' };
    const note = retryNote('Sim', { attempt: 2, attempts: 4, reason, waitMs: 100, at: 0 }, true);
    expect(note).toBe(
      'gpjobs: "Sim" answered earlier reads; retrying one (2 of 4): sim:1 closed the connection before answering.',
    );
  });
});

describe('noteRetries', () => {
  it('prints a pause again when another answer lengthened it, with the new end; the same end once', async () => {
    const tracker = new ConnectionTracker();
    const service = {
      profiles: { list: async () => ({ ok: true, value: [{ id: 'p', name: 'Prod' }] }) },
      connections: { subscribe: (l: (s: ConnectionState) => void) => tracker.subscribe(l) },
    } as unknown as JobAdminService;
    const errors: string[] = [];
    const io = {
      stderr: { write: (c: string) => errors.push(c) },
      stdout: { write: () => true },
    } as unknown as CliIo;
    const stop = await noteRetries(service, io);
    const reason = { kind: 'server' as const, code: 429, message: 'gis answered 429.', retryAfterMs: 5_000 };
    const at = new Date(2026, 11, 3, 17, 4, 33).getTime();
    const paused = (waitMs: number, first: boolean) =>
      ({ attempt: 1, attempts: 4, error: reason, waitMs, paused: true, first }) as const;
    tracker.set('p', 'connecting');
    tracker.retrying('p', paused(5_000, true), at);
    tracker.retrying('p', paused(5_000, true), at); // a sibling page, same end: not printed twice
    tracker.retrying('p', paused(30_000, false), at); // lengthened
    stop();
    expect(errors.join('').match(/until \d\d:\d\d:\d\d/g)).toEqual(['until 17:04:38', 'until 17:05:03']);
  });
});
