import { describe, expect, it } from 'vitest';
import { LineBuffer } from '../../../../electron/core/audit/json-bytes';
import type { EncodedLines } from '../../../../electron/core/audit/records';
import { AuditLines } from '../../../../electron/core/bulk/audit-lines';
import {
  auditJobRecord,
  auditJobStart,
  auditRunPlan,
  PLAN_CHUNK,
} from '../../../../electron/core/bulk/audit-records';
import type { JobResult, PlannedJob } from '../../../../electron/core/bulk/types';

/** The text `lines` encode, written into a buffer that starts tiny (so it has to grow). */
function text(lines: EncodedLines): string {
  const out = new LineBuffer(8);
  lines.encodeInto(out);
  return out.bytes.toString('utf8', 0, out.at);
}

/** What the records' own `JSON.stringify` gives, one line each. */
const expected = (records: readonly object[]): string =>
  records.map((r) => `${JSON.stringify(r)}\n`).join('');

const AWKWARD_STRINGS = [
  '',
  'plain-id_0123456789abcdef',
  'quote " and backslash \\ and slash /',
  'controls \u0000\u0001\u0008\u0009\n\r\u001f and DEL \u007f',
  'unicode é ü ☃ 日本 and 😀 (a pair)',
  'lone high \ud800 and lone low \udfff and reversed \udc00\ud800',
  '\u2028\u2029 line separators',
];
const AWKWARD_NUMBERS = [
  0,
  -0,
  1,
  -1,
  1_700_000_000_000,
  -1_700_000_000_000,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  2 ** 53 + 2,
  1e21,
  1.5,
  -0.0000012345678901234,
  1e-7,
  123.456e-300,
  -1.7976931348623157e308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

/** A small deterministic generator, so a failure names the same case every time. */
function pseudoRandom(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function planned(i: number, s: string, n: number | null | undefined): PlannedJob {
  return {
    profileId: i % 3 === 0 ? `p${i % 2}` : s,
    service: i % 4 === 0 ? 'Folder/Tool' : `Svc ${s}`,
    jobId: i % 5 === 0 ? `j${i.toString(16).padStart(32, '0')}` : s,
    status: i % 2 === 0 ? 'esriJobSucceeded' : s,
    submittedTime: n,
    endTime: i % 3 === 1 ? null : n,
    username: i % 3 === 2 ? null : s,
    machinename: i % 2 === 0 ? undefined : s,
    eligible: true,
  };
}

function result(i: number, s: string, n: number | undefined): JobResult {
  const job = planned(i, s, n ?? null);
  return {
    profileId: job.profileId,
    server: i % 2 === 0 ? 'Server 1' : s,
    serverUrl: i % 3 === 0 ? null : `https://h${i % 2}.example/${s}`,
    service: job.service,
    jobId: job.jobId,
    action: i % 2 === 0 ? 'delete' : 'cancel',
    outcome: (['deleted', 'cancelled', 'already-gone', 'skipped', 'failed'] as const)[i % 5]!,
    attempts: n ?? i,
    status: job.status,
    submittedTime: job.submittedTime ?? null,
    endTime: job.endTime ?? null,
    username: job.username ?? null,
    machinename: job.machinename ?? null,
    finishedAt: 1_764_658_800_000 + (i % 7) * 1001,
    message: i % 2 === 1 ? `Failed: ${s}` : undefined,
    kind: i % 3 === 1 ? 'server' : undefined,
    code: i % 4 === 1 ? (n ?? 500) : undefined,
  };
}

/** Every awkward string against every awkward number (and none), in varying fields. */
function cases<T>(make: (i: number, s: string, n: number | undefined) => T): T[] {
  const all: T[] = [];
  let i = 0;
  for (const s of AWKWARD_STRINGS) for (const n of [...AWKWARD_NUMBERS, undefined]) all.push(make(i++, s, n));
  const random = pseudoRandom(7);
  const pool = [
    'a',
    'Z',
    '"',
    '\\',
    '\u0000',
    '\u001f',
    ' ',
    'é',
    '☃',
    '\ud83d',
    '\ude00',
    '\ud800',
    '\u007f',
  ];
  for (let k = 0; k < 600; k++) {
    const s = Array.from(
      { length: Math.floor(random() * 12) },
      () => pool[Math.floor(random() * pool.length)],
    ).join('');
    all.push(make(i++, s, Math.floor((random() - 0.5) * 2 ** 40) / (random() < 0.2 ? 7 : 1)));
  }
  return all;
}

describe('audit lines written as bytes', () => {
  it('writes each job line exactly as JSON.stringify writes its record, awkward values included', () => {
    for (const osUser of ['analyst', 'DOMAIN\\ana "q"', '']) {
      const lines = new AuditLines('run-1 "x"', osUser);
      const results = cases(result);
      expect(text(lines.jobRecords(results))).toBe(
        expected(results.map((r) => auditJobRecord('run-1 "x"', osUser, r))),
      );
    }
  });

  it('leaves out fields without a value exactly as the record does (undefined, null where it omits null)', () => {
    const lines = new AuditLines('r', 'u');
    const bare = {
      ...result(1, 'x', 5),
      serverUrl: undefined as unknown as null,
      attempts: undefined as unknown as number,
      status: undefined as unknown as string,
      message: undefined,
      kind: undefined,
      code: undefined,
      submittedTime: null,
      endTime: undefined as unknown as null,
      username: null,
      machinename: null,
    };
    const line = text(lines.jobRecords([bare]));
    expect(line).toBe(expected([auditJobRecord('r', 'u', bare)]));
    expect(JSON.parse(line)).not.toHaveProperty('serverUrl');
    expect(text(lines.jobRecords([{ ...bare, serverUrl: null }]))).toContain('"serverUrl":null');
  });

  it('writes job-start lines exactly as JSON.stringify writes auditJobStart', () => {
    const lines = new AuditLines('run-2', 'u');
    const jobs = cases(planned);
    const indices = jobs.map((_, i) => i).reverse();
    for (const time of [1_764_658_800_123, 0, 253_402_300_799_999]) {
      expect(text(lines.jobStarts(time, jobs, indices))).toBe(
        expected(indices.map((i) => auditJobStart('run-2', time, jobs[i]!))),
      );
    }
  });

  it('writes the run-plan chunks exactly as JSON.stringify writes auditRunPlan', () => {
    const lines = new AuditLines('run-3', 'u');
    const jobs = cases(planned);
    expect(jobs.length).toBeGreaterThan(PLAN_CHUNK);
    expect(text(lines.plan(jobs))).toBe(expected(auditRunPlan('run-3', jobs)));
    expect(text(lines.plan([]))).toBe('');
    // A planned job with no field at all is `{}`, and the next one still gets its comma.
    const empty = { eligible: true } as unknown as PlannedJob;
    expect(text(lines.plan([empty, empty, jobs[0]!]))).toBe(
      expected(auditRunPlan('run-3', [empty, empty, jobs[0]!])),
    );
  });

  it("encodes a service's shared part again when a result names another server", () => {
    const lines = new AuditLines('r', 'u');
    const a = result(0, 'x', 1);
    const renamed = { ...a, server: 'Renamed', serverUrl: 'https://other.example/arcgis' };
    expect(text(lines.jobRecords([a, renamed, a]))).toBe(
      expected([a, renamed, a].map((r) => auditJobRecord('r', 'u', r))),
    );
  });
});
