/**
 * A run's books: the one result of each job (in plan order), the outcome counts, and every audit line the
 * run writes. A job's result is appended to the audit log as it is recorded; the first failed write is
 * remembered and reported once, so the run can stop rather than act on a job it cannot record.
 */
import { emptyCounts } from '../audit/records';
import type { AuditCounts, AuditRecord, AuditSink } from '../audit/records';
import { auditJobRecord, auditJobStart } from './audit-records';
import type { BulkPlan, JobResult } from './types';

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
}

/** Results, counts and audit writes of one run. */
export class RunLedger {
  /** Outcome counts so far. */
  readonly counts: AuditCounts = emptyCounts();
  private readonly results: Array<JobResult | undefined>;
  private recorded = 0;
  private readonly pending = new Set<Promise<boolean>>();
  private failure: string | undefined;

  constructor(private readonly deps: LedgerDeps) {
    this.results = new Array<JobResult | undefined>(deps.plan.total);
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

  /** Gives job `index` its one result and appends it to the audit log; a second result is a bug. */
  record(index: number, result: JobResult): void {
    if (this.results[index]) throw new Error(`Bulk engine bug: job ${result.jobId} got a second result`);
    this.results[index] = result;
    this.counts[result.outcome]++;
    this.recorded++;
    this.deps.onResult(result);
    const written = this.write([auditJobRecord(this.deps.runId, this.deps.osUser, result)]);
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

  /** Writes the `job-start` lines of jobs `indices` in one batch (the write-ahead before their requests). */
  writeAhead(indices: number[], time: number): Promise<boolean> {
    const { runId, plan } = this.deps;
    return this.write(indices.map((index) => auditJobStart(runId, time, plan.jobs[index]!)));
  }

  /** Resolves once every result line written so far is in the audit log (or has failed). */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }

  /** Every result, in plan order; only complete once each job has been recorded. */
  all(): JobResult[] {
    return this.results as JobResult[];
  }
}
