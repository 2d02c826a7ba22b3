import { describe, expect, it } from 'vitest';
import { jobMatcher } from '../../../../../electron/core/job-filter';
import { emptyFilter } from '../../../../../renderer/src/lib/jobs/job-filter';
import { RowIndex } from '../../../../../renderer/src/lib/jobs/row-index';
import type { Job } from '../../../../../renderer/src/lib/jobs/job-types';
import { job, manyJobs } from './make-jobs';
import { streamingTable } from './streaming-table';

const NOW = 1_700_000_000_000;

/** Names and ids with regex characters, mixed case and letters whose case rules are odd (Unicode). */
const ODD_VALUES = [
  'Tools/Buffer(1).*',
  'a+b?c',
  '[x]{2}|y',
  'back\\slash$^',
  'İstanbul',
  'ISTANBUL',
  'Straße',
  'STRASSE',
  'ſtreet',
  'Kelvin\u212a',
  'ΣΊΣΥΦΟΣ',
  'σίσυφος',
  'e\u0301cole',
  'École',
  'rocket🚀',
  'dotted.name',
];

/** Jobs whose ids, services, users and machines are the odd values, among ordinary ones. */
function oddJobs(): Job[] {
  const jobs = manyJobs(400, 11, NOW);
  ODD_VALUES.forEach((v, i) => {
    jobs.push(job({ jobId: `${v}-${i}`, service: 'Plain/Svc' }));
    jobs.push(job({ jobId: `id${i}`, service: v.includes('/') ? v : `F/${v}` }));
    jobs.push(job({ jobId: `u${i}`, username: v, machinename: null }));
    jobs.push(job({ jobId: `m${i}`, username: null, machinename: v }));
  });
  // Spread the odd jobs over the batches below.
  return jobs
    .map((j, i) => ({ j, k: (i * 7919) % 467 }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.j);
}

/** Texts with regex characters, in any case, Unicode letters with odd case rules, spaces, and none. */
const TEXTS = [
  '',
  '   ',
  '.',
  '.*',
  '(1)',
  '+b?',
  '[x]',
  '{2}|',
  '\\s',
  '$^',
  'h$',
  'İ',
  'i̇stan',
  'istanbul',
  'STRASSE',
  'straße',
  'ss',
  'ſ',
  'S',
  'k',
  'K',
  'σίσυφος',
  'ς',
  'ÉCOLE',
  'é',
  '\u0301',
  '🚀',
  ' Buffer ',
  'TOOLS/BUF',
  'user1',
  'GIS',
  'j1',
  '-1',
];

describe('the table free text', () => {
  const jobs = oddJobs();

  it('lets through exactly what the core job filter does, for odd texts, as rows stream in', () => {
    const { jobs: list, grown, table } = streamingTable(NOW);
    for (const text of TEXTS) {
      table.setFilter({ ...emptyFilter(), text });
      grown.value = null;
      list.value = [];
      for (const end of [1, 50, 51, 300, jobs.length]) {
        grown.value = list.value;
        list.value = jobs.slice(0, end);
        const want = list.value.filter(jobMatcher({ text }));
        const shown = table.rows.slice();
        expect(new Set(shown), `"${text}" at ${end}`).toEqual(new Set(want));
        expect(shown).toHaveLength(want.length);
      }
    }
  });

  it('matches odd texts through the row index (not the per-job fallback), typing on and deleting', () => {
    const index = new RowIndex();
    index.follow(jobs, null);
    let hits = 0;
    for (const text of [...TEXTS, 'i', 'is', 'ist', 'is', 'st', 'str', 'stra', 'straß']) {
      const lower = text.trim().toLowerCase();
      if (!lower) continue;
      const mask = index.textMask(jobs, lower);
      expect(mask, text).not.toBeNull();
      const matches = jobMatcher({ text });
      const want = jobs.map((j) => (matches(j) ? 1 : 0));
      expect([...mask!], `"${text}"`).toEqual(want);
      hits += want.filter(Boolean).length;
    }
    // The odd texts find odd jobs: the test compares more than empty masks.
    expect(hits).toBeGreaterThan(TEXTS.length * 2);
  });
});
