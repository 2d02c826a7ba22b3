import { describe, expect, it } from 'vitest';
import { retryNote } from '../../../electron/cli/retry-notes';

const refused = { kind: 'network' as const, message: 'sim:1 refused the connection. Is the server running?' };

describe('retryNote', () => {
  it('names no wait for a jitter, even one over a second', () => {
    const note = retryNote('Flaky', { attempt: 4, attempts: 4, reason: refused, waitMs: 1_100, at: 0 });
    expect(note).toBe(`gpjobs: "Flaky" is not answering: ${refused.message} Retry 4 of 4…`);
  });

  it('names the wait a Retry-After asked for', () => {
    const reason = { kind: 'server' as const, message: 'Busy (code 503)', code: 503, retryAfterMs: 3_000 };
    const note = retryNote('Busy', { attempt: 2, attempts: 4, reason, waitMs: 3_000, at: 0 });
    expect(note).toBe('gpjobs: "Busy" is not answering: Busy (code 503). Retry 2 of 4 in 3 s…');
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
  it('says the server answered and one page is retried, with the wait it asked for', () => {
    const reason = { kind: 'server' as const, message: 'Busy (code 503)', code: 503, retryAfterMs: 3_000 };
    const note = retryNote('Busy', { attempt: 2, attempts: 4, reason, waitMs: 3_000, at: 0 }, true);
    expect(note).toBe('gpjobs: "Busy" answered; retrying a page (2 of 4) in 3 s: Busy (code 503).');
  });
});
