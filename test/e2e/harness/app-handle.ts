/** What a spec gets as `app`, whichever way the app was launched. */
import type { Page } from '@playwright/test';
import type { EventChannel, EventPayloads } from '../../../electron/shared/contract';

/** The running app under test. */
export interface AppHandle {
  /** `electron`: the real app via `_electron`; `chromium`: the built renderer bridged to the same core. */
  kind: 'electron' | 'chromium';
  /** The main window's page. */
  page: Page;
  /** Chromium path only: pushes an event into the page exactly as main's `emit` would. */
  emit?: <E extends EventChannel>(channel: E, payload: EventPayloads[E]) => Promise<void>;
  close(): Promise<void>;
}
