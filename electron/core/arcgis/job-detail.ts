/**
 * The answers about one job and one service besides the listing (normalize.ts reads those): the REST job
 * page (status, messages, progress, the result and input parameters it lists) and `jobs/statistics`,
 * each read in every form the documentation allows (API notes §3.3, §4).
 */
import type { JobStatus } from '../types';
import type { Json } from './normalize';
import { isJsonObject, normalizeStatus, rawJobId, toNumber } from './normalize';

/** Job counts of `jobs/statistics`; unknown numeric keys are kept. */
export interface JobStatistics {
  total: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  [status: string]: number;
}

/** Normalises a `jobs/statistics` body, keeping every numeric field. */
export function normalizeStatistics(body: Json): JobStatistics {
  const out: JobStatistics = { total: 0, succeeded: 0, failed: 0, cancelled: 0 };
  for (const [k, v] of Object.entries(body)) {
    const n = toNumber(v);
    if (n !== null) out[k] = n;
  }
  return out;
}

/** A message of the REST job page. */
export interface JobMessage {
  type: string;
  description: string;
}

/** The REST job page: status, messages and, when present, progress, results and inputs (see ./README.md). */
export interface JobDetail {
  jobId: string;
  jobStatus: JobStatus | string;
  messages: JobMessage[];
  progress?: { type: string; message?: string; percent?: number };
  results?: Record<string, { paramUrl: string }>;
  inputs?: Record<string, { paramUrl: string }>;
  /** The URL of the REST page that answered (the base of `paramUrl`s). */
  pageUrl?: string;
}

function params(v: unknown): Record<string, { paramUrl: string }> | undefined {
  if (!isJsonObject(v)) return undefined;
  const out: Record<string, { paramUrl: string }> = {};
  for (const [k, p] of Object.entries(v)) {
    if (isJsonObject(p) && typeof p.paramUrl === 'string') out[k] = { paramUrl: p.paramUrl };
  }
  return out;
}

/** Normalises a REST job page body. */
export function normalizeJobDetail(body: Json, jobId: string): JobDetail {
  const messages = Array.isArray(body.messages)
    ? body.messages.filter(isJsonObject).map((m) => ({
        type: typeof m.type === 'string' ? m.type : 'unknown',
        description: typeof m.description === 'string' ? m.description : '',
      }))
    : [];
  const detail: JobDetail = {
    jobId: rawJobId(body) ?? jobId,
    jobStatus: normalizeStatus(body.jobStatus ?? body.status),
    messages,
  };
  if (isJsonObject(body.progress)) {
    const p = body.progress;
    detail.progress = { type: typeof p.type === 'string' ? p.type : 'default' };
    if (typeof p.message === 'string') detail.progress.message = p.message;
    const percent = toNumber(p.percent);
    if (percent !== null) detail.progress.percent = percent;
  }
  const results = params(body.results);
  if (results) detail.results = results;
  const inputs = params(body.inputs);
  if (inputs) detail.inputs = inputs;
  return detail;
}
