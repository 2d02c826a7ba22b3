/** What a spec gets as `app`, whichever way the app was launched. */
import type { Page } from '@playwright/test';
import type { EventChannel, EventPayloads } from '../../../electron/shared/contract';

/** The running app under test. */
export interface AppHandle {
  /** `electron`: the real app via `_electron`; `chromium`: the app as `gpjobs ui` serves it, in Chromium. */
  kind: 'electron' | 'chromium';
  /** The main window's page. */
  page: Page;
  /** Chromium path only: pushes an event to the page through the server's event stream, as the core would. */
  emit?: <E extends EventChannel>(channel: E, payload: EventPayloads[E]) => Promise<void>;
  close(): Promise<void>;
}
