import { describe, expect, it } from 'vitest';
import type { ConnectionStateView } from '../../../../renderer/src/lib/contract-types';
import { IDLE_LOAD, overviewNote, serverStatus } from '../../../../renderer/src/lib/server-status';
import { appLocale } from '../../../../renderer/src/lib/strings/locale';

const tooMany = {
  kind: 'server' as const,
  code: 429,
  message: 'gis answered HTTP 429 (Too Many Requests).',
  retryAfterMs: 30_000,
};
const at = new Date(2026, 11, 3, 17, 4, 33).getTime();
const retry = { attempt: 1, attempts: 4, reason: tooMany, waitMs: 30_000, at, paused: true };
const time = new Intl.DateTimeFormat(appLocale(), { timeStyle: 'medium' }).format(at + 30_000);

function connecting(): ConnectionStateView {
  return { profileId: 'p1', state: 'connecting', error: null, lastRefresh: null, retry };
}

describe('serverStatus of a server whose reads wait out a pause it asked for answering another request', () => {
  it('says until when and why, not "not answering"', () => {
    const s = serverStatus({ ...IDLE_LOAD, loading: true }, connecting());
    expect(s).toMatchObject({
      state: 'loading',
      label: `Waiting until ${time} (Retry-After)`,
      error: null,
      retrying: {
        why: `Error 429, asked to wait until ${time}`,
        detail:
          'gis answered HTTP 429 (Too Many Requests). It asked, answering another request, that nothing be ' +
          `sent to it until ${time}; the reads wait until then.`,
      },
    });
    expect(overviewNote(s)).toEqual({ label: `Waiting until ${time} (Retry-After)`, failed: false });
  });

  it('a listing that has read jobs keeps its count, with the wait below', () => {
    const s = serverStatus({ ...IDLE_LOAD, loading: true, progress: 1500 }, connecting());
    expect(s.label).toBe('Loading jobs… 1,500 so far');
    expect(s.retrying?.why).toBe(`Error 429, asked to wait until ${time}`);
  });
});
