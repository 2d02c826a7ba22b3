/**
 * The pushed events of `gpjobs ui` as Server-Sent Events: every open page gets every contract event, in the
 * order the core raised them, as `event: <channel>` with the JSON payload; the events one call raises for its
 * caller (a streamed listing's pages) go to the stream that page named. What `emit` is to the window in
 * the desktop app; an event raised while no page listens is dropped, as IPC drops it.
 */
import crypto from 'node:crypto';
import type http from 'node:http';
import type { EventChannel, EventPayloads } from '../shared/contract';
import { jsonColumns } from '../shared/job-columns';
import type { JobsPageView } from '../shared/views';
import { WEB_READY_EVENT } from '../shared/web-api';

/** How often an idle stream gets a comment line, so proxies and SSH forwards keep it open. */
const KEEPALIVE_MS = 25_000;

/** The open event streams. */
export interface EventHub {
  /** Takes over a response as an event stream until the page goes away or the hub closes. */
  attach(response: http.ServerResponse, headers: Record<string, string>): void;
  /** Sends an event to every open stream. */
  publish<E extends EventChannel>(channel: E, payload: EventPayloads[E]): void;
  /** Sends an event to one stream (by the id its ready event gave); false when that stream is gone. */
  send<E extends EventChannel>(stream: string, channel: E, payload: EventPayloads[E]): boolean;
  /** Ends every stream. */
  close(): void;
}

/**
 * A `jobs.page` event as JSON can carry it: its `fields` and `times` columns are typed arrays (what IPC's
 * structured clone sends fastest) and go as arrays (see `jsonColumns`).
 */
function jsonPage(page: JobsPageView): JobsPageView {
  return { ...page, columns: jsonColumns(page.columns) };
}

/** Creates an empty hub. */
export function createEventHub(): EventHub {
  const streams = new Map<string, http.ServerResponse>();
  const frame = (channel: string, payload: unknown) => {
    const json = channel === 'jobs.page' ? jsonPage(payload as JobsPageView) : payload;
    return `event: ${channel}\ndata: ${JSON.stringify(json)}\n\n`;
  };
  const keepalive = setInterval(() => {
    for (const stream of streams.values()) stream.write(': keep-alive\n\n');
  }, KEEPALIVE_MS);
  keepalive.unref();
  return {
    attach(response, headers) {
      response.writeHead(200, {
        ...headers,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      // The page waits for this before its first request, so no event of that request can be missed.
      // Random, so one page cannot name another's stream.
      const id = crypto.randomUUID();
      response.write(frame(WEB_READY_EVENT, { stream: id }));
      streams.set(id, response);
      response.on('close', () => streams.delete(id));
    },
    publish(channel, payload) {
      if (streams.size === 0) return;
      const text = frame(channel, payload);
      for (const stream of streams.values()) stream.write(text);
    },
    send(stream, channel, payload) {
      const response = streams.get(stream);
      if (!response) return false;
      response.write(frame(channel, payload));
      return true;
    },
    close() {
      clearInterval(keepalive);
      for (const stream of streams.values()) stream.end();
      streams.clear();
    },
  };
}
