/**
 * The preload's API on `window`: one typed method per contract operation (electron/shared/contract.ts).
 * Declared here so the renderer type-checks every call against the contract without importing Electron.
 */
import type { GpJobsApi } from './lib/contract-types';

declare global {
  interface Window {
    /** The app's backend, exposed by the preload (or by the e2e harness bridge). */
    gpjobs: GpJobsApi;
  }
}

export {};
