/**
 * An in-memory server for unit tests of the bulk engine: jobs in a map, a scripted answer per call, and
 * counters (calls, in flight, most in flight) plus promises to wait on instead of sleeping.
 */
import type { JobOperations } from '../../../../electron/core/bulk/types';
import type { AppError, Result } from '../../../../electron/core/types';

export type Op = 'delete' | 'cancel' | 'get';

/** What a scripted call does: answer now, or hang until released or aborted. */
export type Script = (op: Op, jobId: string, call: number) => Result<unknown> | 'default' | 'hang' | 'throw';

export const ok = { ok: true, value: undefined } as const;
export const fail = (error: AppError): Result<never> => ({ ok: false, error });
export const reset: AppError = { kind: 'network', message: 'Connection reset', transient: true };
export const unableToDelete: AppError = {
  kind: 'server',
  message: 'The server could not delete the job',
  code: 400,
  serverMessage: 'Unable to delete job',
};
export const authFailed: AppError = { kind: 'auth', message: 'Invalid token', code: 498 };

/** A fake server. `jobs` maps job id to status; deleted jobs disappear. */
export class FakeServer implements JobOperations {
  readonly jobs = new Map<string, string>();
  readonly calls: Array<{ op: Op; jobId: string }> = [];
  readonly callsPerJob = new Map<string, number>();
  inFlight = 0;
  maxInFlight = 0;
  private hung: Array<() => void> = [];
  private watchers: Array<{ test: () => boolean; resolve: () => void }> = [];

  constructor(
    ids: Iterable<string> = [],
    private readonly script: Script = () => 'default',
    status = 'esriJobSucceeded',
  ) {
    for (const id of ids) this.jobs.set(id, status);
  }

  deleteJob(_service: string, jobId: string, signal: AbortSignal): Promise<Result<void>> {
    return this.handle('delete', jobId, signal) as Promise<Result<void>>;
  }

  cancelJob(_service: string, jobId: string, signal: AbortSignal): Promise<Result<void>> {
    return this.handle('cancel', jobId, signal) as Promise<Result<void>>;
  }

  getJob(_service: string, jobId: string, signal: AbortSignal): Promise<Result<{ status: string }>> {
    return this.handle('get', jobId, signal) as Promise<Result<{ status: string }>>;
  }

  /** Resolves once `test` holds (checked after every change). */
  until(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push({ test, resolve }));
  }

  /** Lets every hung call answer normally. */
  release(): void {
    const hung = this.hung;
    this.hung = [];
    for (const go of hung) go();
  }

  private changed(): void {
    this.watchers = this.watchers.filter((w) => (w.test() ? (w.resolve(), false) : true));
  }

  private async handle(op: Op, jobId: string, signal: AbortSignal): Promise<Result<unknown>> {
    const call = (this.callsPerJob.get(jobId) ?? 0) + 1;
    this.callsPerJob.set(jobId, call);
    this.calls.push({ op, jobId });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    this.changed();
    try {
      const scripted = this.script(op, jobId, call);
      if (scripted === 'throw') throw new Error('adapter bug');
      if (scripted === 'hang') {
        const aborted = await new Promise<boolean>((resolve) => {
          if (signal.aborted) return resolve(true);
          signal.addEventListener('abort', () => resolve(true), { once: true });
          this.hung.push(() => resolve(false));
        });
        if (aborted) return fail({ kind: 'aborted', message: 'aborted' });
        return this.answer(op, jobId);
      }
      await Promise.resolve();
      return scripted === 'default' ? this.answer(op, jobId) : scripted;
    } finally {
      this.inFlight--;
      this.changed();
    }
  }

  private answer(op: Op, jobId: string): Result<unknown> {
    const status = this.jobs.get(jobId);
    if (op === 'get')
      return status ? { ok: true, value: { status } } : fail({ kind: 'not-found', message: 'No job' });
    if (!status) return fail(unableToDelete);
    if (op === 'delete') {
      this.jobs.delete(jobId);
      return ok;
    }
    if (status !== 'esriJobSubmitted' && status !== 'esriJobExecuting') {
      return fail({ kind: 'server', message: 'Unable to cancel job', code: 500 });
    }
    this.jobs.set(jobId, 'esriJobCancelled');
    return ok;
  }
}

/** Job ids `prefix-0` .. `prefix-(n-1)`. */
export function ids(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
}

/** Resolves after pending microtasks and one macrotask turn (lets a runner take any step it would take). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
