/**
 * Adapting an ArcGIS client to the engine's `JobOperations`. Typed structurally, so the engine does not
 * depend on the client class; `ArcGisClient` fits as it is.
 */
import type { Result } from '../types';
import type { JobOperations } from './types';

/** The client methods the engine uses (an `ArcGisClient` has them). */
export interface JobClient {
  deleteJob(service: string, jobId: string, opts: { signal?: AbortSignal }): Promise<Result<void>>;
  cancelJob(service: string, jobId: string, opts: { signal?: AbortSignal }): Promise<Result<void>>;
  getJob(
    service: string,
    jobId: string,
    opts: { signal?: AbortSignal; once?: boolean },
  ): Promise<Result<{ status: string }>>;
}

/** The engine's operations over one server's client. */
export function jobOperationsFrom(client: JobClient): JobOperations {
  return {
    deleteJob: (service, jobId, signal) => client.deleteJob(service, jobId, { signal }),
    cancelJob: (service, jobId, signal) => client.cancelJob(service, jobId, { signal }),
    getJob: async (service, jobId, signal) => {
      // The engine's check has its own bounded retries: one request per call here.
      const r = await client.getJob(service, jobId, { signal, once: true });
      return r.ok ? { ok: true, value: { status: r.value.status } } : r;
    },
  };
}
