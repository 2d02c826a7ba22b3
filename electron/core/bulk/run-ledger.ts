/**
 * A run's books: the one result of each job (in plan order), the outcome counts, and every audit line the
 * run writes. Result lines are group-committed: held at most `RESULT_COMMIT_MS` (or until
 * `RESULT_COMMIT_LINES` wait) and appended together, ahead of any write-ahead batch and always before the
 * run's end, so 10,000 results cost a few dozen appends instead of thousands. A crash loses only that
 * window's result lines, and their jobs then read as sent with no result, which is what they were to the
 * log. The first failed write is remembered and reported once, so the run can stop rather than act on a
 * job it cannot record.
 */
import { emptyCounts } from '../audit/records';
import type { AuditCounts, AuditRecord, AuditRunStart, AuditSink } from '../audit/records';
import { AuditLines } from './audit-lines';
import { timerSchedule } from './progress';
import type { Schedule } from './progress';
import type { BulkPlan, JobResult } from './types';

/** Longest a result line waits before it is appended (the group commit's time bound). */
export const RESULT_COMMIT_MS = 100;
/** Result lines that are appended at once without waiting for the time bound. */
export const RESULT_COMMIT_LINES = 256;

/** What a ledger writes to and tells. */
export interface LedgerDeps {
  runId: string;
  plan: BulkPlan;
  osUser: string;
  /** The audit log; without one nothing is written (and every write succeeds). */
  audit?: AuditSink;
  /** A result was recorded (for progress). */
  onResult(result: JobResult): void;
  /** The audit log failed for the first time; `message` says why. */
  onAuditFailure(message: string): void;
  /** The timer of the group commit (tests pass their own). */
  schedule?: Schedule;
}

/** Results, counts and audit writes of one run. */
export class RunLedger {
  /** Outcome counts so far. */
  readonly counts: AuditCounts = emptyCounts();
  private readonly results: Array<JobResult | undefined>;
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
    this.results = new Array<JobResult | undefined>(deps.plan.total);
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
    return this.results[index] !== undefined;
  }

  /**
   * Gives job `index` its one result and queues its line for the next group commit (at most
   * `RESULT_COMMIT_MS` away); a second result is a bug.
   */
  record(index: number, result: JobResult): void {
    if (this.results[index]) throw new Error(`Bulk engine bug: job ${result.jobId} got a second result`);
    this.results[index] = result;
    this.counts[result.outcome]++;
    this.recorded++;
    this.deps.onResult(result);
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

  /** Every result, in plan order; only complete once each job has been recorded. */
  all(): JobResult[] {
    return this.results as JobResult[];
  }
}
