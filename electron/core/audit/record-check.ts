/**
 * Checking an audit line's fields before the reader trusts them: the log is a local file anyone with access
 * may have edited or damaged, so a line with wrong types is skipped and counted, never a crash later on.
 */
import { JOB_OUTCOMES } from '../job-words';
import type { AuditPlannedJob, AuditRecord } from './records';

type Obj = Record<string, unknown>;

const str = (v: unknown): v is string => typeof v === 'string';
const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const OUTCOMES = new Set<string>(JOB_OUTCOMES);

const jobRef = (o: Obj): boolean => str(o.profileId) && str(o.service) && str(o.jobId);

function plannedJob(v: unknown): v is AuditPlannedJob {
  return typeof v === 'object' && v !== null && jobRef(v as Obj) && str((v as Obj).status);
}

function profile(v: unknown): boolean {
  return typeof v === 'object' && v !== null && str((v as Obj).id) && str((v as Obj).name);
}

/** `value` as an audit record when its fields have the types the reader relies on, else null. */
export function checkRecord(value: unknown): AuditRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const o = value as Obj;
  if (!str(o.runId)) return null;
  switch (o.type) {
    case 'run-start':
      if (!str(o.time) || !str(o.osUser) || !count(o.total)) return null;
      if (o.action !== 'delete' && o.action !== 'cancel') return null;
      if (!Array.isArray(o.profiles) || !o.profiles.every(profile)) return null;
      return value as AuditRecord;
    case 'run-plan':
      return Array.isArray(o.jobs) && o.jobs.every(plannedJob) ? (value as AuditRecord) : null;
    case 'job-start':
      return jobRef(o) ? (value as AuditRecord) : null;
    case 'job':
      return jobRef(o) && str(o.server) && OUTCOMES.has(o.outcome as string) ? (value as AuditRecord) : null;
    case 'run-end':
      return str(o.time) && typeof o.aborted === 'boolean' ? (value as AuditRecord) : null;
    case 'run-ack':
      return str(o.time) && str(o.osUser) ? (value as AuditRecord) : null;
    default:
      return null;
  }
}
