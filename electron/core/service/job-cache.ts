/**
 * The jobs each server last listed, shared by listing (which fills it) and bulk planning (which reads
 * it), so a plan trusts the status the server reported over the caller's idea of a job. Each listing is
 * written compactly page by page as it arrives (see compact-jobs), never held as job objects.
 */
import type { JobColumns } from '../../shared/job-columns';
import { toColumns } from '../../shared/job-columns';
import type { BulkJob } from '../bulk';
import type { Job, JobRef } from '../types';
import type { ColumnStorage, CompactJobs, SizeHint } from './compact-jobs';
import { CompactJobsBuilder } from './compact-jobs-builder';

type Ref = Pick<JobRef, 'profileId' | 'service' | 'jobId'>;

/**
 * A replaced listing's columns are kept as the spare only when they hold at most this many times the rows
 * of the listing that replaced it (and 64): after a purge the next listing would copy its jobs out of a
 * much larger spare anyway, which meanwhile held the old size's memory for nothing.
 */
const MAX_SPARE = 2;

/** Filtered listings laid over a server's listing before they are merged into one part. */
const MAX_LAID_OVER = 4;

/**
 * The parts after the first (the filtered listings laid over it) merged into one: each job once, its last
 * copy, in listing order. The first part, usually the last complete listing, is left as it is.
 */
function mergeLaidOver(profileId: string, parts: readonly CompactJobs[]): CompactJobs[] {
  const seen = new Set<string>();
  const kept: Array<Omit<Job, 'url'>> = [];
  for (let p = parts.length - 1; p >= 1; p--) {
    const part = parts[p]!;
    for (let i = part.size - 1; i >= 0; i--) {
      const job = part.job(i);
      const key = `${job.service}\n${job.jobId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      kept.push(job);
    }
  }
  const builder = new CompactJobsBuilder(profileId);
  builder.add(toColumns(kept.reverse()));
  return [parts[0]!, builder.build()];
}

/** A listing being written: jobs are added in columns as pages are listed; `commit` makes it the server's. */
export interface ListingWriter {
  add(batch: JobColumns): void;
  commit(): void;
}

/** See the module comment. */
export class JobCache {
  private readonly servers = new Map<string, CompactJobs[]>();
  /** A token per server's listing, replaced whenever the listing is (see `generation`). */
  private readonly tokens = new Map<string, object>();
  /**
   * Per server, the columns of the complete listing the last one replaced: nothing reads them any more
   * (every read here is synchronous and only through `servers`; `generation` hands out tokens, not
   * listings), so the server's next complete listing writes into them. Allocating a listing's columns
   * afresh each time put some 72 MB off the heap per 1,000,000-job listing while the replaced ones waited
   * for a mark-compact, and V8 answered each listing's with scavenges and a mark-compact for external
   * memory pressure (list-gc.ts, --jobs 999999). At most one per server: a spare and a listing.
   *
   * The price is memory held between listings: an idle server holds its listing and its spare, about
   * 142 bytes a job off the heap against 73 without spares (300,000 jobs listed 4 times, after two full
   * collections; so some 70 MB more for a 1,000,000-job fleet). It is not dropped after an idle time:
   * without spares a listing peaks higher than that anyway (the replaced columns wait for a collection:
   * 293-411 bytes a job at the peak against 188-261 with them), so the process's peak stays lower with
   * spares. A spare much larger than the listing that replaced it (a purge) is not kept (`MAX_SPARE`).
   */
  private readonly spares = new Map<string, ColumnStorage>();
  /**
   * Per server, a token `forget` drops: a listing begun before its server was forgotten (removed while
   * its pages were still arriving) commits nothing, so it can neither bring a removed server's listing
   * back nor replace the listing of a profile added again under the same id.
   */
  private readonly lives = new Map<string, object>();

  /** Replaces a server's listing with `jobs`. */
  remember(profileId: string, jobs: readonly Job[]): void {
    const writer = this.begin(profileId);
    writer.add(toColumns(jobs));
    writer.commit();
  }

  /**
   * Starts a new listing of a server; the last one stands until it is committed (a failed listing never
   * is). A `complete` listing (every service, no filter) replaces the server's listing; a filtered one
   * (a policy preview, a CLI query) says nothing about the jobs outside its filter, so its parts are laid
   * over the last listing instead: a job it saw wins, the others stay as last listed until the next
   * complete listing replaces them all.
   */
  begin(profileId: string, complete = true): ListingWriter {
    // A complete listing is presized from the last one's (see SizeHint) and written into the spare columns
    // (taken, so two listings of a server at once never share them); a filtered one is usually small and
    // leaves the spare to the next complete listing.
    const spare = complete ? this.spares.get(profileId) : undefined;
    if (spare) this.spares.delete(profileId);
    const builder = new CompactJobsBuilder(profileId, complete ? this.sizeOf(profileId) : undefined, spare);
    const life = this.lives.get(profileId) ?? {};
    this.lives.set(profileId, life);
    return {
      add: (batch) => builder.add(batch),
      commit: () => {
        if (this.lives.get(profileId) !== life) return; // its server was forgotten since it began
        const part = builder.build();
        const mine = part.size > 0 ? [part] : [];
        const last = this.servers.get(profileId) ?? [];
        const parts = complete ? mine : [...last, ...mine];
        // Filtered listings (policy previews, CLI queries) would otherwise pile up until the next complete one.
        this.servers.set(
          profileId,
          parts.length > 1 + MAX_LAID_OVER ? mergeLaidOver(profileId, parts) : parts,
        );
        this.tokens.set(profileId, {});
        const replaced = complete ? last[0]?.storage : null;
        if (replaced && replaced.idStart.length <= MAX_SPARE * (part.size + 64))
          this.spares.set(profileId, replaced);
      },
    };
  }

  /**
   * The size of a server's listing, or undefined when it has none: its largest part's, since the filtered
   * listings laid over a complete one mostly list its jobs again (added up, a large policy preview would make
   * the hint outgrow the spare, and the next listing copy its jobs out of columns sized for twice them).
   */
  private sizeOf(profileId: string): SizeHint | undefined {
    const parts = this.servers.get(profileId);
    if (!parts?.length) return undefined;
    const hint: SizeHint = { rows: 0, idBytes: 0 };
    for (const part of parts) {
      const { rows, idBytes } = part.sizeHint;
      hint.rows = Math.max(hint.rows, rows);
      hint.idBytes = Math.max(hint.idBytes, idBytes);
    }
    return hint;
  }

  /** The job as its server last listed it (without its REST url), or undefined when not listed. */
  find(ref: Ref): BulkJob | undefined {
    const parts = this.servers.get(ref.profileId) ?? [];
    // The last part first: as with one map of the listing, a later copy of a job wins.
    for (let i = parts.length - 1; i >= 0; i--) {
      const job = parts[i]!.find(ref.service, ref.jobId);
      if (job) return job;
    }
    return undefined;
  }

  /**
   * Up to `count` of a server's listed jobs from position `from`, in listing order (the parts of filtered
   * listings after the complete one): a caller that needs job references in bulk, without the listing's
   * objects (the benchmark takes the jobs it deletes from here).
   */
  listed(profileId: string, from: number, count: number): BulkJob[] {
    const out: BulkJob[] = [];
    let skip = from;
    for (const part of this.servers.get(profileId) ?? []) {
      for (let i = skip; i < part.size && out.length < count; i++) out.push(part.job(i));
      skip = Math.max(0, skip - part.size);
    }
    return out;
  }

  /**
   * A token of a server's listing that changes whenever the listing does (replaced, laid over, forgotten):
   * two equal tokens mean every `find` on that server answers the same (a plan's start skips its re-check).
   * Only a token: a replaced listing's columns are written over (see `spares`).
   */
  generation(profileId: string): unknown {
    return this.tokens.get(profileId);
  }

  /** How many jobs are held, over every server. */
  get size(): number {
    let n = 0;
    for (const parts of this.servers.values()) for (const part of parts) n += part.size;
    return n;
  }

  /** Forgets a server's listing (its profile was removed). */
  forget(profileId: string): void {
    this.servers.delete(profileId);
    this.tokens.delete(profileId);
    this.spares.delete(profileId);
    this.lives.delete(profileId);
  }
}
