/**
 * Adapting an ArcGIS client to the engine's `JobOperations`. Typed structurally, so the engine does not
 * depend on the client class; `ArcGisClient` fits as it is. The client's `Retry-After` hold is handed on:
 * the lane of its server waits on the same pause as the client's reads (one hold per server).
 */
import type { ServerHold } from '../arcgis/retry-after';
import type { AppError, Result } from '../types';
import type { JobOperations } from './types';

/**
 * Operations that hand on their server's `Retry-After` pause, shared with others (the client's reads,
 * other runs): the lane waits on it and lengthens it. Without one, the lane has a pause of its own. (Not a
 * field of `JobOperations` itself: that vocabulary is shared with the renderer, which has no `ServerHold`.)
 */
export interface HeldOperations extends JobOperations {
  readonly hold?: ServerHold;
}

/** The client methods the engine uses (an `ArcGisClient` has them). */
export interface JobClient {
  deleteJob(service: string, jobId: string, opts: { signal?: AbortSignal }): Promise<Result<void>>;
  cancelJob(service: string, jobId: string, opts: { signal?: AbortSignal }): Promise<Result<void>>;
  getJob(
    service: string,
    jobId: string,
    opts: { signal?: AbortSignal; once?: boolean },
  ): Promise<Result<{ status: string }>>;
  /** The server's `Retry-After` pause, shared by the client's reads and the lane (absent: the lane's own). */
  readonly hold?: ServerHold;
}

/**
 * The answer of a request not sent because the server asked (to a read or to another lane's job) to be
 * left alone longer than GP Job Admin waits: the hold's not-sent failure (`wasNotSent`), which the engine
 * neither counts as an attempt nor hands back to the hold. Reads the hold's one field when nothing was asked.
 */
function refusal(hold: ServerHold | undefined): Promise<{ ok: false; error: AppError }> | undefined {
  const error = hold?.held ? hold.refused() : undefined;
  return error && Promise.resolve({ ok: false, error });
}

/** The engine's operations over one server's client. */
export function jobOperationsFrom(client: JobClient): HeldOperations {
  const hold = client.hold;
  return {
    deleteJob: (service, jobId, signal) => refusal(hold) ?? client.deleteJob(service, jobId, { signal }),
    cancelJob: (service, jobId, signal) => refusal(hold) ?? client.cancelJob(service, jobId, { signal }),
    getJob: async (service, jobId, signal) => {
      const refused = refusal(hold);
      if (refused) return refused;
      // The engine's check has its own bounded retries and waits the hold itself: one request per call
      // here, not the client's read retries under the engine's check attempts.
      const r = await client.getJob(service, jobId, { signal, once: true });
      return r.ok ? { ok: true, value: { status: r.value.status } } : r;
    },
    hold,
  };
}
