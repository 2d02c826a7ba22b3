/**
 * gpjobs ui's event stream over a real HTTP connection: a streamed listing's `jobs.page` event, whose columns
 * the main process makes as typed arrays, reaches the page as JSON arrays that rebuild the same jobs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fromColumns, toColumns } from '../../../electron/shared/job-columns';
import type { ListedJob } from '../../../electron/shared/views';
import { WEB_READY_EVENT } from '../../../electron/shared/web-api';
import { createEventHub, type EventHub } from '../../../electron/web/event-stream';

const jobs: ListedJob[] = [
  {
    profileId: 'p1',
    service: 'Tools/Buffer',
    jobId: 'j1',
    status: 'esriJobSucceeded',
    submittedTime: 1_700_000_000_000,
    endTime: 1_700_000_060_000,
    username: 'admin',
    machinename: 'GIS01',
  },
  {
    profileId: 'p1',
    service: 'Tools/Buffer',
    jobId: 'j2',
    status: 'esriJobFailed',
    submittedTime: null,
    endTime: null,
    username: null,
    machinename: null,
  },
];

let hub: EventHub | null = null;
let server: http.Server | null = null;

afterEach(async () => {
  hub?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  [hub, server] = [null, null];
});

/** The stream's frames as they arrive, as [event, data] pairs; resolves `until` frames have come. */
function readFrames(port: number, until: number): Promise<Array<[string, string]>> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/events' }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          const frames = text.split('\n\n').filter((f) => f.startsWith('event: '));
          if (frames.length < until) return;
          res.destroy();
          resolve(
            frames.map((f) => {
              const [event, data] = f.split('\n');
              return [event!.slice('event: '.length), data!.slice('data: '.length)];
            }),
          );
        });
      })
      .on('error', reject);
  });
}

describe('gpjobs ui event stream', () => {
  it('sends a jobs.page batch with its typed columns as JSON arrays that rebuild the jobs', async () => {
    const events = createEventHub();
    hub = events;
    let attached: () => void = () => {};
    const ready = new Promise<void>((resolve) => (attached = resolve));
    server = http.createServer((_req, res) => {
      events.attach(res, {});
      attached();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const frames = readFrames((server.address() as AddressInfo).port, 2);
    await ready;
    const columns = toColumns(jobs);
    expect(columns.fields).toBeInstanceOf(Int32Array);
    events.publish('jobs.page', { listingId: 'l1', profileId: 'p1', batch: 0, columns });
    const [[readyEvent], [event, data]] = (await frames) as [[string, string], [string, string]];
    expect(readyEvent).toBe(WEB_READY_EVENT);
    expect(event).toBe('jobs.page');
    const page = JSON.parse(data) as {
      listingId: string;
      batch: number;
      columns: Parameters<typeof fromColumns>[1];
    };
    expect(Array.isArray(page.columns.fields)).toBe(true);
    expect(Array.isArray(page.columns.times)).toBe(true);
    expect(page).toMatchObject({ listingId: 'l1', batch: 0 });
    expect(fromColumns('p1', page.columns)).toEqual(jobs);
    // The sender's columns are left as they were (the batch may go to other streams too).
    expect(columns.fields).toBeInstanceOf(Int32Array);
  });
});
