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
import type { AuditCounts, AuditRecord, AuditSink } from '../audit/records';
import { auditJobRecord, auditJobStart } from './audit-records';
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
  /** Result lines waiting for the group commit, and the cancel of its timer. */
  private held: AuditRecord[] = [];
  private cancelCommit: (() => void) | null = null;
  private readonly schedule: Schedule;

  constructor(private readonly deps: LedgerDeps) {
    this.results = new Array<JobResult | undefined>(deps.plan.total);
    this.schedule = deps.schedule ?? timerSchedule;
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
    held[held.length] = auditJobRecord(this.deps.runId, this.deps.osUser, result);
    if (held.length >= RESULT_COMMIT_LINES) this.commit();
    else this.cancelCommit ??= this.schedule(() => this.commit(), RESULT_COMMIT_MS);
  }

  /** Appends the result lines held so far (one write), tracked until they are in the log. */
  private commit(): void {
    this.cancelCommit?.();
    this.cancelCommit = null;
    if (this.held.length === 0) return;
    const lines = this.held;
    this.held = [];
    const written = this.write(lines);
    this.pending.add(written);
    void written.then(() => this.pending.delete(written));
  }

  /** Appends lines to the audit log; resolves false (never rejects) when they could not be written. */
  write(records: AuditRecord[]): Promise<boolean> {
    const { audit } = this.deps;
    if (!audit) return Promise.resolve(true);
    return audit.write(records).then(
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
    const { runId, plan } = this.deps;
    this.commit();
    return this.write(indices.map((index) => auditJobStart(runId, time, plan.jobs[index]!)));
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
