/**
 * A run's per-job audit lines (`run-plan`, `job-start`, `job`) written straight into the log's buffer: the
 * bytes are exactly those of `JSON.stringify` of the records audit-records.ts builds (`auditRunPlan`,
 * `auditJobStart`, `auditJobRecord`, which stay the format's definition), with no record object and no
 * line string per job. What never changes within a run (its id, the OS user) is encoded once per run, and
 * what never changes within a service (profile id, server name and URL, service name) once per service;
 * per job only its own values are written (`../audit/json-bytes.ts`).
 */
import { bytesOf, hasValue, putBytes, putPlain, putValue, valueBound } from '../audit/json-bytes';
import type { LineBuffer } from '../audit/json-bytes';
import type { EncodedLines } from '../audit/records';
import { iso, PLAN_CHUNK } from './audit-records';
import type { JobResult, PlannedJob } from './types';

/** `,"key":value` for a field of constant value, or nothing when `JSON.stringify` leaves it out. */
const field = (key: string, value: unknown): string =>
  hasValue(value) ? `,${JSON.stringify(key)}:${JSON.stringify(value)}` : '';

/** Keys written per job, with their quotes, colon and leading comma, as bytes. */
const KEY = {
  jobId: bytesOf(',"jobId":'),
  status: bytesOf(',"status":'),
  submittedTime: bytesOf(',"submittedTime":'),
  endTime: bytesOf(',"endTime":'),
  username: bytesOf(',"username":'),
  machinename: bytesOf(',"machinename":'),
  action: bytesOf(',"action":'),
  outcome: bytesOf(',"outcome":'),
  attempts: bytesOf(',"attempts":'),
  message: bytesOf(',"message":'),
  kind: bytesOf(',"kind":'),
  code: bytesOf(',"code":'),
};
/** Room for every key above, once each. */
const KEYS_BOUND = Object.values(KEY).reduce((n, k) => n + k.length, 0);
const TIME_BOUND = 40;

/** `key` (`,"name":`), without its comma when it is the object's first. */
const putKey = (buf: Uint8Array, at: number, key: Uint8Array, first: boolean): number =>
  putBytes(buf, at, first ? key.subarray(1) : key);
/** `key` then `v`, or nothing when `JSON.stringify` leaves the field out. */
const putField = (buf: Buffer, at: number, key: Uint8Array, v: unknown, first = false): number =>
  hasValue(v) ? putValue(buf, putKey(buf, at, key, first), v) : at;
const PLAN_END = bytesOf(']}\n');

/** What a service's lines share, encoded once. */
interface ServiceParts {
  /** `,"profileId":…,"service":…` */
  ref: Uint8Array;
  /** `{"profileId":…,"service":…` (a planned job's start). */
  planned: Uint8Array;
  /** `,"osUser":…,"profileId":…,"server":…,"serverUrl":…,"service":…`, for the server it was made for. */
  record: Uint8Array | null;
  server: unknown;
  serverUrl: unknown;
}

/** Writes the per-job lines of run `runId` (see the module comment). */
export class AuditLines {
  private readonly services = new Map<unknown, Map<unknown, ServiceParts>>();
  private readonly startHead: Uint8Array;
  private readonly recordHead: Uint8Array;
  private readonly planHead: Uint8Array;

  constructor(
    readonly runId: string,
    private readonly osUser: string,
  ) {
    const run = field('runId', runId);
    this.startHead = bytesOf(`{"type":"job-start"${run},"time":"`);
    this.recordHead = bytesOf(`{"type":"job"${run},"time":"`);
    this.planHead = bytesOf(`{"type":"run-plan"${run},"jobs":[`);
  }

  /** The `run-plan` lines of `jobs` (chunks of `PLAN_CHUNK`). */
  plan(jobs: readonly PlannedJob[]): EncodedLines {
    return { runId: this.runId, encodeInto: (out) => this.putPlan(out, jobs) };
  }

  /** The `job-start` lines, all at `time`, of the jobs at `indices` in `jobs`. */
  jobStarts(time: number, jobs: readonly PlannedJob[], indices: readonly number[]): EncodedLines {
    return {
      runId: this.runId,
      encodeInto: (out) => {
        const at = iso(time);
        for (const index of indices) this.putStart(out, at, jobs[index]!);
      },
    };
  }

  /** The `job` lines of `results`. */
  jobRecords(results: readonly JobResult[]): EncodedLines {
    return {
      runId: this.runId,
      encodeInto: (out) => {
        for (const result of results) this.putRecord(out, result);
      },
    };
  }

  private parts(profileId: unknown, service: unknown): ServiceParts {
    let byService = this.services.get(profileId);
    if (!byService) this.services.set(profileId, (byService = new Map()));
    let parts = byService.get(service);
    if (!parts) {
      const ref = field('profileId', profileId) + field('service', service);
      parts = {
        ref: bytesOf(ref),
        planned: bytesOf(`{${ref.slice(1)}`),
        record: null,
        server: undefined,
        serverUrl: undefined,
      };
      byService.set(service, parts);
    }
    return parts;
  }

  private putPlan(out: LineBuffer, jobs: readonly PlannedJob[]): void {
    for (let from = 0; from < jobs.length; from += PLAN_CHUNK) {
      out.at = putBytes(out.room(this.planHead.length), out.at, this.planHead);
      const to = Math.min(jobs.length, from + PLAN_CHUNK);
      for (let i = from; i < to; i++) this.putPlanned(out, jobs[i]!, i > from);
      out.at = putBytes(out.room(PLAN_END.length), out.at, PLAN_END);
    }
  }

  /** One planned job as `plannedJob` in audit-records.ts makes it (the optional fields when not null). */
  private putPlanned(out: LineBuffer, job: PlannedJob, comma: boolean): void {
    const parts = this.parts(job.profileId, job.service);
    const { jobId, status, submittedTime, endTime, username, machinename } = job;
    const buf = out.room(
      parts.planned.length +
        KEYS_BOUND +
        2 +
        valueBound(jobId) +
        valueBound(status) +
        valueBound(submittedTime) +
        valueBound(endTime) +
        valueBound(username) +
        valueBound(machinename),
    );
    let at = out.at;
    if (comma) buf[at++] = 0x2c;
    // Right after the object's `{`: a key written there goes without its comma (when the planned part
    // is empty, only if profile id and service are both missing).
    const open = at + 1;
    at = putBytes(buf, at, parts.planned);
    // The times, user and machine are left out when null too (`?? undefined`), as `plannedJob` does.
    at = putField(buf, at, KEY.jobId, jobId, at === open);
    at = putField(buf, at, KEY.status, status, at === open);
    at = putField(buf, at, KEY.submittedTime, submittedTime ?? undefined, at === open);
    at = putField(buf, at, KEY.endTime, endTime ?? undefined, at === open);
    at = putField(buf, at, KEY.username, username ?? undefined, at === open);
    at = putField(buf, at, KEY.machinename, machinename ?? undefined, at === open);
    buf[at++] = 0x7d;
    out.at = at;
  }

  private putStart(out: LineBuffer, time: string, job: PlannedJob): void {
    const parts = this.parts(job.profileId, job.service);
    const { jobId } = job;
    const buf = out.room(
      this.startHead.length + TIME_BOUND + parts.ref.length + KEYS_BOUND + valueBound(jobId),
    );
    let at = putBytes(buf, out.at, this.startHead);
    at = putPlain(buf, at, time);
    buf[at++] = 0x22;
    at = putBytes(buf, at, parts.ref);
    at = putField(buf, at, KEY.jobId, jobId);
    buf[at++] = 0x7d;
    buf[at++] = 0x0a;
    out.at = at;
  }

  /** The part of a `job` line its service's results share, made again if a result names another server. */
  private recordPart(result: JobResult): Uint8Array {
    const parts = this.parts(result.profileId, result.service);
    if (parts.record && parts.server === result.server && parts.serverUrl === result.serverUrl)
      return parts.record;
    parts.server = result.server;
    parts.serverUrl = result.serverUrl;
    parts.record = bytesOf(
      field('osUser', this.osUser) +
        field('profileId', result.profileId) +
        field('server', result.server) +
        field('serverUrl', result.serverUrl) +
        field('service', result.service),
    );
    return parts.record;
  }

  /** One result as `auditJobRecord` makes it. */
  private putRecord(out: LineBuffer, r: JobResult): void {
    const part = this.recordPart(r);
    const { jobId, action, outcome, attempts, status, message, kind, code } = r;
    const { submittedTime, endTime, username, machinename } = r;
    const buf = out.room(
      this.recordHead.length +
        TIME_BOUND +
        part.length +
        KEYS_BOUND +
        valueBound(jobId) +
        valueBound(action) +
        valueBound(outcome) +
        valueBound(attempts) +
        valueBound(status) +
        valueBound(message) +
        valueBound(kind) +
        valueBound(code) +
        valueBound(submittedTime) +
        valueBound(endTime) +
        valueBound(username) +
        valueBound(machinename),
    );
    let at = putBytes(buf, out.at, this.recordHead);
    at = putPlain(buf, at, iso(r.finishedAt));
    buf[at++] = 0x22;
    at = putBytes(buf, at, part);
    at = putField(buf, at, KEY.jobId, jobId);
    at = putField(buf, at, KEY.action, action);
    at = putField(buf, at, KEY.outcome, outcome);
    at = putField(buf, at, KEY.attempts, attempts);
    at = putField(buf, at, KEY.status, status);
    at = putField(buf, at, KEY.message, message);
    at = putField(buf, at, KEY.kind, kind);
    at = putField(buf, at, KEY.code, code);
    // Null times, user and machine are left out (`?? undefined`), as `auditJobRecord` leaves them out.
    at = putField(buf, at, KEY.submittedTime, submittedTime ?? undefined);
    at = putField(buf, at, KEY.endTime, endTime ?? undefined);
    at = putField(buf, at, KEY.username, username ?? undefined);
    at = putField(buf, at, KEY.machinename, machinename ?? undefined);
    buf[at++] = 0x7d;
    buf[at++] = 0x0a;
    out.at = at;
  }
}
