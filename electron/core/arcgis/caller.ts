/**
 * What the job and discovery modules need from a client: its roots and an authenticated POST.
 */
import type { Result } from '../types';
import type { CallContext } from './errors';
import type { Json } from './normalize';
import type { SiteRoots } from './paths';
import type { CallOptions } from './requester';
import type { FormRequest } from './transport';

/** An authenticated caller bound to one profile's server. */
export interface AdminCaller {
  profileId: string;
  roots: SiteRoots;
  /**
   * How many requests the client sends at once (its limiter's limit): a listing admits no more of its
   * pages to the client's queue than that (page-gate.ts). Without it, pages are not held back.
   */
  concurrency?: number;
  /** POSTs `params` with `f=json` and the token in the body; refreshes the token once on 498/499. */
  call(
    url: string,
    params: FormRequest['params'],
    ctx: CallContext,
    opts?: CallOptions,
  ): Promise<Result<Json>>;
}
