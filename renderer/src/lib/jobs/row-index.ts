/**
 * Per-row columns of the table's job list, built batch by batch as a listing streams in, so the things
 * that read every one of a million jobs at a click read typed arrays instead: a sort by job id (each id's
 * radix key, see sort-order), the free-text search (each row's service, user and machine as a code into
 * its few distinct values, each value decided once by the job filter's own text check), and the other
 * filters (status and server codes, submitted and end times). A list that replaces the last one
 * (not an append) is indexed when first asked for, not at once.
 */
import { freeTextChecks, freeTextOf, type FreeTextChecks } from '../../../../electron/shared/job-filter';
import {
  compileFilter,
  emptyFilter,
  timeBounds,
  type FilterListField,
  type FilterState,
  type TimeBounds,
} from './job-filter';
import { isActiveStatus } from './job-format';
import type { SortKeysAhead } from './job-sort';
import type { Job } from './job-types';
import { CodeUnitKeys } from './sort-order';

/** Lists up to this long are indexed at once when they replace the last one (it costs about 0.2 ms per 1,000). */
const EAGER_ROWS = 50_000;

/** One text field as codes into its distinct values (code 0: no value). */
class CodedField {
  readonly values: (string | null)[] = [null];
  readonly #codeOf = new Map<string, number>();
  codes = new Uint32Array(1024);

  code(value: string | null): number {
    if (value === null) return 0;
    let code = this.#codeOf.get(value);
    if (code === undefined) {
      code = this.values.push(value) - 1;
      this.#codeOf.set(value, code);
    }
    return code;
  }
}

/** Which of a field's distinct values contain the text (1) or not (0), for the values known so far. */
function matchingValues(field: CodedField, checks: FreeTextChecks, known: Uint8Array | null): Uint8Array {
  if (known?.length === field.values.length) return known;
  return Uint8Array.from(field.values, (v) => (v !== null && checks.inName(v) ? 1 : 0));
}

/** The coded fields, in this order: the three the free text searches, then status and server. */
function codedFields(): CodedField[] {
  return [new CodedField(), new CodedField(), new CodedField(), new CodedField(), new CodedField()];
}

/** A list filter, the coded field (see codedFields) it reads, and the job property that field holds. */
interface ListCheck {
  field: FilterListField;
  column: number;
  property: 'service' | 'username' | 'machinename' | 'status' | 'profileId';
}

const LIST_CHECKS: readonly ListCheck[] = [
  { field: 'statuses', column: 3, property: 'status' },
  { field: 'profileIds', column: 4, property: 'profileId' },
  { field: 'services', column: 0, property: 'service' },
  { field: 'serviceTypes', column: 0, property: 'service' },
  { field: 'users', column: 1, property: 'username' },
  { field: 'machines', column: 2, property: 'machinename' },
];

/** A job for asking the job filter about one value (no other filter field is set, so no other field is read). */
const PROBE: Job = {
  profileId: '',
  service: '',
  jobId: '',
  status: '',
  submittedTime: null,
  endTime: null,
  username: null,
  machinename: null,
};

/** Which of a field's distinct values pass one list filter (1) or not (0), for the values known so far. */
function allowedValues(
  field: CodedField,
  check: ListCheck,
  filter: FilterState,
  known: Uint8Array | null,
): Uint8Array {
  if (known?.length === field.values.length) return known;
  const passes = compileFilter({ ...emptyFilter(), [check.field]: filter[check.field] }, 0);
  const nullable = check.property === 'username' || check.property === 'machinename';
  return Uint8Array.from(field.values, (v) =>
    (v !== null || nullable) && passes({ ...PROBE, [check.property]: v }) ? 1 : 0,
  );
}

/** A filter's matches so far: one byte per row, and each active list field's passing values. */
interface ListMatches {
  filter: FilterState;
  /** The reference time of the filter's time conditions. */
  now: number;
  rows: number;
  mask: Uint8Array;
  allowed: Uint8Array[];
}

/** A growing array's buffer with room for `n` items (doubling). */
function room<A extends Uint32Array | Uint8Array | Float64Array>(a: A, n: number, make: (n: number) => A): A {
  if (a.length >= n) return a;
  const next = make(Math.max(n, a.length * 2));
  next.set(a);
  return next;
}

/** A text's matches so far: one byte per row. */
interface TextMatches {
  text: string;
  rows: number;
  mask: Uint8Array;
  fields: Uint8Array[];
  /** The matches of a text this one contains, until this one's are computed: only those rows can match. */
  within: { mask: Uint8Array; rows: number } | null;
}

/** See the module comment; one per table, following its job list. */
export class RowIndex {
  /** The list indexed (or to index when asked, see `#pending`). */
  #jobs: readonly Job[] = [];
  #n = 0;
  #pending = false;
  #scheme: CodeUnitKeys | null = null;
  #idKeys = new Float64Array(1024);
  /** Each row's submitted and end time; NaN where the job has none. */
  #submitted = new Float64Array(1024);
  #ended = new Float64Array(1024);
  #fields = codedFields();
  #matches: TextMatches | null = null;
  #listed: ListMatches | null = null;

  /** Follows the table's list: `grownFrom` is the list `jobs` extends by appending (null when not). */
  follow(jobs: readonly Job[], grownFrom: readonly Job[] | null): void {
    if (jobs === this.#jobs) return;
    const extends_ = grownFrom !== null && grownFrom === this.#jobs && !this.#pending;
    if (!extends_) this.#reset();
    this.#jobs = jobs;
    this.#pending = !extends_ && jobs.length > EAGER_ROWS;
    if (!this.#pending) this.#add(jobs.length);
  }

  /** The id keys of `jobs` for a sort, or undefined when `jobs` is not the list followed. */
  sortKeys(jobs: readonly Job[]): SortKeysAhead | undefined {
    if (jobs !== this.#jobs) return undefined;
    this.#ensure();
    return { jobIds: this.#idKeys.subarray(0, this.#n) };
  }

  /**
   * One byte per row of `jobs` (1: the free text `text`, trimmed and lower-cased, occurs in the row's id,
   * service, user or machine, decided by the job filter's own checks: once per distinct service, user and
   * machine, and per id), or null when `jobs` is not the list followed or the text spans lines (the filter's
   * own check handles that). The same text asked again after a batch only checks the new rows; a text that
   * contains the last one (typing on) only the rows that matched it.
   */
  textMask(jobs: readonly Job[], text: string): Uint8Array | null {
    if (jobs !== this.#jobs || !text || text.includes('\n')) return null;
    this.#ensure();
    let m = this.#matches;
    if (!m || m.text !== text) {
      // Typing on: a row that did not contain the shorter text cannot contain the longer one.
      const within = m && text.includes(m.text) ? { mask: m.mask, rows: m.rows } : null;
      m = { text, rows: 0, mask: new Uint8Array(this.#n), fields: [], within };
    }
    m.mask = room(m.mask, this.#n, (n) => new Uint8Array(n));
    const searched = this.#fields.slice(0, 3);
    const checks = freeTextChecks(text);
    m.fields = searched.map((f, i) => matchingValues(f, checks, m.fields[i] ?? null));
    const [service, user, machine] = m.fields as [Uint8Array, Uint8Array, Uint8Array];
    const [sc, uc, mc] = searched.map((f) => f.codes) as [Uint32Array, Uint32Array, Uint32Array];
    const inId = checks.inId;
    const mask = m.mask;
    const jobs_ = this.#jobs;
    const within = m.within?.mask;
    const known = m.within?.rows ?? 0;
    for (let i = m.rows; i < this.#n; i++) {
      if (within && i < known && !within[i]) {
        mask[i] = 0;
        continue;
      }
      mask[i] = service[sc[i]!]! | user[uc[i]!]! | machine[mc[i]!]! || (inId(jobs_[i]!.jobId) ? 1 : 0);
    }
    m.rows = this.#n;
    m.within = null;
    this.#matches = m;
    return mask.subarray(0, this.#n);
  }

  /**
   * One byte per row of `jobs`: 1 where the row passes the whole filter at `now`, as the job filter
   * (`compileFilter`) decides: the list fields (status, server, service, type, user, machine), each decided
   * once per distinct value by the job filter itself (so the matches are its own); the free text (see
   * textMask); and the time conditions (`timeBounds`), on the row's times. Null when `jobs` is not the list
   * followed or the text spans lines. Kept per filter and time: asked again after a batch, only the new
   * rows are checked.
   */
  listMask(jobs: readonly Job[], filter: FilterState, now: number): Uint8Array | null {
    const text = freeTextOf(filter.text);
    if (jobs !== this.#jobs || text.includes('\n')) return null;
    this.#ensure();
    const found = text ? this.textMask(jobs, text) : null;
    let m = this.#listed;
    if (!m || m.filter !== filter || m.now !== now)
      m = { filter, now, rows: 0, mask: new Uint8Array(this.#n), allowed: [] };
    m.mask = room(m.mask, this.#n, (n) => new Uint8Array(n));
    const active = LIST_CHECKS.filter((c) => filter[c.field].length > 0);
    m.allowed = active.map((c, i) => allowedValues(this.#fields[c.column]!, c, filter, m.allowed[i] ?? null));
    const checks = active.map((c, i) => ({ codes: this.#fields[c.column]!.codes, allowed: m.allowed[i]! }));
    const mask = m.mask;
    for (let i = m.rows; i < this.#n; i++) {
      let pass = found ? found[i]! : 1;
      for (let c = 0; pass && c < checks.length; c++) pass = checks[c]!.allowed[checks[c]!.codes[i]!]!;
      mask[i] = pass;
    }
    this.#narrowByTimes(mask, m.rows, timeBounds(filter, now));
    m.rows = this.#n;
    this.#listed = m;
    return mask.subarray(0, this.#n);
  }

  /** Clears rows `from..` of `mask` whose times fail a bound (a missing time, NaN here, fails every one). */
  #narrowByTimes(mask: Uint8Array, from: number, bounds: TimeBounds): void {
    const { submittedBefore, endedBefore, runningSince } = bounds;
    if (submittedBefore === null && endedBefore === null && runningSince === null) return;
    const status = this.#fields[3]!;
    const inFlight = Uint8Array.from(status.values, (v) => (v !== null && isActiveStatus(v) ? 1 : 0));
    const submitted = this.#submitted;
    const ended = this.#ended;
    const codes = status.codes;
    for (let i = from; i < this.#n; i++) {
      if (!mask[i]) continue;
      const t = submitted[i]!;
      const pass =
        (submittedBefore === null || t < submittedBefore) &&
        (endedBefore === null || ended[i]! < endedBefore) &&
        (runningSince === null || (inFlight[codes[i]!] === 1 && t < runningSince));
      if (!pass) mask[i] = 0;
    }
  }

  #ensure(): void {
    if (!this.#pending) return;
    this.#pending = false;
    this.#add(this.#jobs.length);
  }

  #reset(): void {
    this.#n = 0;
    this.#scheme = null;
    this.#fields = codedFields();
    this.#matches = null;
    this.#listed = null;
  }

  /** Indexes rows `#n..to` of the list, reading each job once. */
  #add(to: number): void {
    const jobs = this.#jobs;
    const from = this.#n;
    if (to <= from) return;
    const keys = (this.#idKeys = room(this.#idKeys, to, (n) => new Float64Array(n)));
    const submitted = (this.#submitted = room(this.#submitted, to, (n) => new Float64Array(n)));
    const ended = (this.#ended = room(this.#ended, to, (n) => new Float64Array(n)));
    for (const f of this.#fields) f.codes = room(f.codes, to, (n) => new Uint32Array(n));
    const [service, user, machine, status, profile] = this.#fields as CodedField[] as [
      CodedField,
      CodedField,
      CodedField,
      CodedField,
      CodedField,
    ];
    const scheme = (this.#scheme ??= CodeUnitKeys.of(jobs.slice(from, to).map((j) => j.jobId)));
    let fits = true;
    for (let i = from; i < to; i++) {
      const job = jobs[i]!;
      service.codes[i] = service.code(job.service);
      user.codes[i] = user.code(job.username);
      machine.codes[i] = machine.code(job.machinename);
      status.codes[i] = status.code(job.status);
      profile.codes[i] = profile.code(job.profileId);
      submitted[i] = job.submittedTime ?? NaN;
      ended[i] = job.endTime ?? NaN;
      const key = scheme.key(job.jobId);
      if (key !== key) fits = false;
      keys[i] = key;
    }
    this.#n = to;
    if (fits) return;
    // An id the scheme cannot key (a new character, another prefix): a scheme for every id keys them all again.
    const ids = jobs.slice(0, to).map((j) => j.jobId);
    const all = (this.#scheme = CodeUnitKeys.of(ids));
    for (let i = 0; i < to; i++) keys[i] = all.key(ids[i]!);
  }
}
