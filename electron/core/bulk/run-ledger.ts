/**
 * A run's books: the one result of each job (in plan order), the outcome counts, and every audit line the
 * run writes. Result lines are group-committed: held at most `RESULT_COMMIT_MS` (or until
 * `RESULT_COMMIT_LINES` wait) and appended together, ahead of any write-ahead batch and always before the
 * run's end, so 10,000 results cost a few dozen appends instead of thousands. A crash loses only that
 * window's result lines, and their jobs then read as sent with no result, which is what they were to the
 * log. The first failed write is remembered and reported once, so the run can stop rather than act on a
 * job it cannot record.
 *
 * A job's plain result (deleted, cancelled, skipped with nothing to say) is held as columns, its outcome,
 * attempts and time, and made again from the plan when read (`result`, `all`); only a result with
 * something of its own (a message, a kind, a code, another status) is held whole. A run keeps every
 * result to its end, so what it holds per job outlives the young generation and costs the major
 * collections that follow: 10,000 result objects were about 2 MB of them (README "The engine's own cost").
 */
import { emptyCounts } from '../audit/records';
import type { AuditCounts, AuditRecord, AuditRunStart, AuditSink } from '../audit/records';
import { JOB_OUTCOMES } from '../job-words';
import type { JobOutcome } from '../types';
import { AuditLines } from './audit-lines';
import { jobResult } from './job-result';
import { timerSchedule } from './progress';
import type { Schedule } from './progress';
import type { BulkPlan, JobResult, ServerPlan } from './types';

/** Longest a result line waits before it is appended (the group commit's time bound). */
export const RESULT_COMMIT_MS = 100;
/** Result lines that are appended at once without waiting for the time bound. */
export const RESULT_COMMIT_LINES = 256;

/** What a ledger writes to and tells. */
export interface LedgerDeps {
  runId: string;
  plan: BulkPlan;
  osUser: string;
  /** The server of job `index` (whose name and URL its results carry). */
  serverOf(index: number): ServerPlan;
  /** The audit log; without one nothing is written (and every write succeeds). */
  audit?: AuditSink;
  /** Job `index` got its result (for progress, which reads it with `result`). */
  onResult(index: number): void;
  /** The audit log failed for the first time; `message` says why. */
  onAuditFailure(message: string): void;
  /** The timer of the group commit (tests pass their own). */
  schedule?: Schedule;
}

/** Results, counts and audit writes of one run. */
export class RunLedger {
  /** Outcome counts so far. */
  readonly counts: AuditCounts = emptyCounts();
  /** Per job: 0 until it has its result, then its outcome's place in `JOB_OUTCOMES` plus one (`WHOLE` set when held whole). */
  private readonly outcomes: Uint8Array;
  private readonly attempts: Uint32Array;
  private readonly finishedAt: Float64Array;
  /** The results with something of their own, by job index. */
  private readonly whole = new Map<number, JobResult>();
  private recorded = 0;
  private readonly pending = new Set<Promise<boolean>>();
  private failure: string | undefined;
  /** Results whose lines wait for the group commit, and the cancel of its timer. */
  private held: JobResult[] = [];
  private cancelCommit: (() => void) | null = null;
  private readonly schedule: Schedule;
  /** The run's per-job lines, written as bytes by the log (no record or string per job). */
  private readonly lines: AuditLines;

  constructor(private readonly deps: LedgerDeps) {
    const total = deps.plan.jobs.length;
    this.outcomes = new Uint8Array(total);
    this.attempts = new Uint32Array(total);
    this.finishedAt = new Float64Array(total);
    this.schedule = deps.schedule ?? timerSchedule;
    this.lines = new AuditLines(deps.runId, deps.osUser);
  }

  /** How many jobs have their result. */
  get done(): number {
    return this.recorded;
  }

  /** Why the audit log could not be written, once it failed. */
  get auditError(): string | undefined {
    return this.failure;
  }

  /** Whether job `index` has its result. */
  has(index: number): boolean {
    return this.outcomes[index] !== 0;
  }

  /**
   * Gives job `index` its one result and queues its line for the next group commit (at most
   * `RESULT_COMMIT_MS` away); a second result is a bug.
   */
  record(index: number, result: JobResult): void {
    if (this.outcomes[index] !== 0)
      throw new Error(`Bulk engine bug: job ${result.jobId} got a second result`);
    const code = OUTCOME_CODE.get(result.outcome)!;
    if (this.isPlain(index, result)) {
      this.outcomes[index] = code;
      this.attempts[index] = result.attempts;
      this.finishedAt[index] = result.finishedAt;
    } else {
      this.outcomes[index] = code | WHOLE;
      this.whole.set(index, result);
    }
    this.counts[result.outcome]++;
    this.recorded++;
    this.deps.onResult(index);
    if (!this.deps.audit) return;
    // Appended by index, not by `push` (each commit starts a new list): see planBulk's `planned`.
    const { held } = this;
    held[held.length] = result;
    if (held.length >= RESULT_COMMIT_LINES) this.commit();
    else this.cancelCommit ??= this.schedule(() => this.commit(), RESULT_COMMIT_MS);
  }

  /** Appends the result lines held so far (one write), tracked until they are in the log. */
  private commit(): void {
    this.cancelCommit?.();
    this.cancelCommit = null;
    if (this.held.length === 0) return;
    const results = this.held;
    this.held = [];
    // Results are held only with an audit log (see `record`).
    const written = this.track(this.deps.audit!.writeEncoded(this.lines.jobRecords(results)));
    this.pending.add(written);
    void written.then(() => this.pending.delete(written));
  }

  /** Appends lines to the audit log; resolves false (never rejects) when they could not be written. */
  write(records: AuditRecord[]): Promise<boolean> {
    const { audit } = this.deps;
    return audit ? this.track(audit.write(records)) : Promise.resolve(true);
  }

  /** The run's `run-start` line and its `run-plan` lines, in one batch; resolves as `write` does. */
  writeStart(start: AuditRunStart): Promise<boolean> {
    const { audit, plan } = this.deps;
    if (!audit) return Promise.resolve(true);
    const started = this.track(audit.write([start]));
    const planned = this.track(audit.writeEncoded(this.lines.plan(plan.jobs)));
    return Promise.all([started, planned]).then(([a, b]) => a && b);
  }

  /** `written` as true once done, false (never a rejection) once it failed, the first failure reported. */
  private track(written: Promise<void>): Promise<boolean> {
    return written.then(
      () => true,
      (error: unknown) => {
        if (this.failure === undefined) {
          this.failure = error instanceof Error ? error.message : String(error);
          this.deps.onAuditFailure(this.failure);
        }
        return false;
      },
    );
  }

  /**
   * Writes the `job-start` lines of jobs `indices` in one batch (the write-ahead before their requests);
   * the result lines held so far go with them (the log appends both at once).
   */
  writeAhead(indices: number[], time: number): Promise<boolean> {
    const { audit, plan } = this.deps;
    this.commit();
    if (!audit) return Promise.resolve(true);
    return this.track(audit.writeEncoded(this.lines.jobStarts(time, plan.jobs, indices)));
  }

  /** Resolves once every result line recorded so far is in the audit log (or has failed). */
  async settle(): Promise<void> {
    this.commit();
    while (this.pending.size > 0) await Promise.all(this.pending);
  }

  /** Job `index`'s result, or undefined before it has one. */
  result(index: number): JobResult | undefined {
    const code = this.outcomes[index]!;
    if (code === 0) return undefined;
    if (code & WHOLE) return this.whole.get(index);
    const { plan } = this.deps;
    return jobResult(
      plan.jobs[index]!,
      this.deps.serverOf(index),
      plan.action,
      JOB_OUTCOMES[code - 1]!,
      this.finishedAt[index]!,
      {
        attempts: this.attempts[index]!,
      },
    );
  }

  /** Every result, in plan order (undefined for a job without one: complete once every job is recorded). */
  all(): JobResult[] {
    const all = new Array<JobResult>(this.outcomes.length);
    for (let i = 0; i < all.length; i++) all[i] = this.result(i)!;
    return all;
  }

  /**
   * Whether `result` is exactly what `result(index)` makes again from the plan, its outcome, attempts
   * and time: the job's and its server's fields as the plan has them, its listed status, and no message,
   * kind or code.
   */
  private isPlain(index: number, r: JobResult): boolean {
    const { plan } = this.deps;
    const job = plan.jobs[index]!;
    const server = this.deps.serverOf(index);
    return (
      r.message === undefined &&
      r.kind === undefined &&
      r.code === undefined &&
      r.status === job.status &&
      r.jobId === job.jobId &&
      r.service === job.service &&
      r.profileId === job.profileId &&
      r.action === plan.action &&
      r.server === server.name &&
      r.serverUrl === server.serverUrl &&
      r.submittedTime === (job.submittedTime ?? null) &&
      r.endTime === (job.endTime ?? null) &&
      r.username === (job.username ?? null) &&
      r.machinename === (job.machinename ?? null) &&
      r.attempts >>> 0 === r.attempts
    );
  }
}

/** The outcome column's flag of a result held whole. */
const WHOLE = 0x80;
/** Each outcome's code in the outcome column: its place in `JOB_OUTCOMES` plus one. */
const OUTCOME_CODE = new Map<JobOutcome, number>(JOB_OUTCOMES.map((o, i) => [o, i + 1]));
