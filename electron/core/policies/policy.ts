/**
 * The clean-up policy as a plain type (no validation library, no Node), so the IPC contract and the
 * renderer can name it; schema.ts validates files and input into exactly this shape.
 */
import type { BulkAction, JobStatus, ServiceType } from '../types';

/** A clean-up policy: which jobs on which servers, what to do with them, and the cap of one run. */
export interface Policy {
  name: string;
  description: string;
  /** Whether `gpjobs clean` runs it. */
  enabled: boolean;
  /** `all`, or server profile names (any case) and `tag:NAME` (every server carrying that tag when it runs). */
  servers: 'all' | string[];
  /** `NAME` (any folder), `FOLDER/NAME`, or `FOLDER/*` (every service of a folder); empty: every service. */
  services: string[];
  /** Service types; empty: every type. */
  serviceTypes: ServiceType[];
  statuses: JobStatus[];
  /** Only jobs older than this (`30d`), measured from submission or from their end (`age`). */
  olderThan: string | null;
  age: 'submitted' | 'ended';
  user: string | null;
  machine: string | null;
  /** Only jobs still running (new, submitted, waiting, executing) submitted longer ago than this. */
  runningLongerThan: string | null;
  action: BulkAction;
  /** A run that would touch more jobs than this is refused before any request. */
  maxJobs: number;
  /** Whether servers marked production are included (never by default). */
  includeProduction: boolean;
}
