/**
 * What a client remembers about a site's services for its session, so a listing costs no request per
 * service that makes no jobs: each service's verdict from its JSON (kept for `FACTS_TTL_MS`, then read
 * again, so a service republished to allow exporting tiles shows up within minutes), and the services
 * whose `jobs` resource turned out not to exist (kept for the session; see ./README.md).
 */
import type { AppError, ServiceType } from '../types';

/** How long a service's JSON verdict is trusted before discovery reads the JSON again. */
export const FACTS_TTL_MS = 10 * 60_000;

/** What discovery read from one service's JSON. */
export interface ServiceFacts {
  type: ServiceType;
  /** An asynchronous GP service, or a map/image service that allows exporting tiles. */
  makesJobs: boolean;
  /** A GP service whose result map service (same folder and name, MapServer) may hold jobs. */
  resultMapServer: boolean;
}

/** The per-session memory of one client. */
export class ServiceMemo {
  private readonly facts = new Map<string, { facts: ServiceFacts; at: number }>();
  private readonly missingJobs = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The facts of a service id read within the last `FACTS_TTL_MS`, else undefined. */
  factsOf(id: string): ServiceFacts | undefined {
    const kept = this.facts.get(id);
    if (!kept) return undefined;
    if (this.now() - kept.at < FACTS_TTL_MS) return kept.facts;
    this.facts.delete(id);
    return undefined;
  }

  /** Keeps what a service's JSON said. */
  rememberFacts(id: string, facts: ServiceFacts): void {
    this.facts.set(id, { facts, at: this.now() });
  }

  /** Forgets a service (it left the site, or its JSON could not be read). */
  forget(id: string): void {
    this.facts.delete(id);
  }

  /** Remembers that a service has no `jobs` resource: it is not queried again this session. */
  markWithoutJobs(id: string): void {
    this.missingJobs.add(id);
  }

  /** Whether a service's `jobs` resource turned out not to exist. */
  withoutJobs(id: string): boolean {
    return this.missingJobs.has(id);
  }
}

/**
 * Whether a listing error means the service has no `jobs` resource: an ArcGIS error with code 404 or 400
 * ("Could not find resource or operation", "Invalid URL") on a map or image service, whose admin jobs
 * API is documented only by example (API notes §3). A GP service's error stays an error, and so does a
 * front end's HTML 404, which says nothing about the service.
 */
export function jobsResourceMissing(type: ServiceType, error: AppError): boolean {
  if (type === 'GPServer') return false;
  return (
    error.kind === 'not-found' || (error.kind === 'server' && (error.code === 400 || error.code === 404))
  );
}
