/**
 * What every route handler shares: the job store and state machine, accounts and tokens, retention, and
 * the site's current URLs and switches.
 */
import type { Auth } from './auth';
import type { Lifecycle } from './lifecycle';
import type { QueryShape } from './query-shapes';
import type { Retention } from './retention';
import type { JobStore } from './store';
import type { StatusFilterParam } from './types';

/** Shared state of one simulated site. */
export interface SimContext {
  store: JobStore;
  lifecycle: Lifecycle;
  auth: Auth;
  retention: Retention;
  folders: string[];
  https: boolean;
  federated: boolean;
  /** REST services need a portal-issued token (secured services of a federated site). */
  restRequiresPortalToken: boolean;
  maxPageSize: number;
  tokenLifetimeMs: number;
  clock: () => number;
  /** Segments of the site's context path, e.g. ['arcgis'] or ['server']. */
  contextPath: string[];
  /** How `jobs/query` lays out its jobs. */
  queryShape: QueryShape;
  /** The form parameter `jobs/query` filters by status (the other spelling is ignored). */
  statusFilterParam: StatusFilterParam;
  /** The key generateToken states the expiry under (`expiration`: epoch seconds). */
  tokenExpiryKey: 'expires' | 'expiration';
  /** A `total` every `jobs/query` page claims instead of the true count (a misbehaving server). */
  claimedTotal: number | null;
  /** e.g. https://127.0.0.1:PORT/arcgis (known once listening). */
  siteUrl: string;
  portalUrl: string | null;
  adminDisabled: boolean;
}
