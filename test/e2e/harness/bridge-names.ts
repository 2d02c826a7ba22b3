/** Names shared by the harness (Node) and its page-side bridge (browser). */

/** The Playwright binding the page-side bridge calls (removed from `window` once captured). */
export const BINDING_NAME = '__gpjobsBridge';

/** The DOM event type the harness uses to push main-process events into the page. */
export const EVENT_TYPE = 'gpjobs-harness:event';
