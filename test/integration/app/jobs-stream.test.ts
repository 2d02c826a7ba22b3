/**
 * A streamed listing's event sequence over both transports, against a real simulator and the real keychain:
 * the desktop app's IPC (the built main script, its registered handlers and preload, on the fake Electron
 * here) and `gpjobs ui`'s HTTP + Server-Sent Events. `jobs.list` with a listingId sends the jobs as
 * numbered `jobs.page` events to the caller alone and answers how many it sent; without one, the whole list.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import keytar from '@github/keytar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/main/app-core';
import { fromColumns } from '../../../electron/shared/job-columns';
import { WEB_EVENTS_PATH, WEB_READY_EVENT, WEB_STREAM_HEADER } from '../../../electron/shared/web-api';
import type { JobsPageView, ServerJobsView } from '../../../electron/shared/views';
import { startWebServer, type WebServer } from '../../../electron/web/server';
import { startSimulator, type Simulator } from '../../arcgis-sim/index';
import { launchMainProcess, type MainProcess } from '../electron/main-process';
import { invokeOverHttp, pageHeaders, request, signIn, tinyRenderer } from '../web/http';

const JOBS = 300;
let sim: Simulator;
let root: string;
let keychainService: string;

beforeEach(async () => {
  sim = await startSimulator({ jobs: JOBS, seed: 11 });
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'gpja-stream-'));
  keychainService = `gp-job-admin-test-${crypto.randomUUID()}`;
});

afterEach(async () => {
  await sim.close();
  for (const { account } of await keytar.findCredentials(keychainService)) {
    await keytar.deletePassword(keychainService, account);
  }
  fs.rmSync(root, { recursive: true, force: true });
});

/** The simulator as a server profile (as the form saves it), and its password. */
const server = () => ({
  input: {
    name: 'Staging',
    serverUrl: `${sim.url}/rest/services`,
    authMode: 'server' as const,
    username: sim.username,
    caCertPem: sim.caPem,
    concurrency: 2,
  },
  password: sim.password,
});

/** What every streamed listing must satisfy: batches 0..n-1, every job once, no REST url, the counts. */
function expectWhole(
  answer: ServerJobsView,
  pages: JobsPageView[],
  whole: ServerJobsView,
  listingId: string,
) {
  expect(answer.jobs).toEqual([]);
  expect(answer.streamed).toEqual({ jobs: JOBS, batches: pages.length });
  expect(pages.map((p) => p.batch).sort((a, b) => a - b)).toEqual(pages.map((_, i) => i));
  expect(pages.every((p) => p.listingId === listingId && p.profileId === answer.profileId)).toBe(true);
  // The app sends each batch in columns.
  expect(pages.every((p) => p.columns !== undefined && !('jobs' in p))).toBe(true);
  const streamed = pages.flatMap((p) => fromColumns(p.profileId, p.columns));
  expect(streamed.some((j) => 'url' in j)).toBe(false);
  const key = (j: { service: string; jobId: string }) => `${j.service}|${j.jobId}`;
  expect(streamed.map(key).sort()).toEqual(whole.jobs.map(key).sort());
  expect(whole.streamed).toBeUndefined();
  expect(whole.jobs).toHaveLength(JOBS);
}

describe('streamed listing over Electron IPC', () => {
  let app: MainProcess | null = null;
  afterEach(async () => {
    await app?.quit();
    app = null;
  });

  it("sends the pages to the asking window's subscribers, then an answer that counts them", async () => {
    app = await launchMainProcess({
      configDir: path.join(root, 'config'),
      keychainService,
      managedProfilesPath: path.join(root, 'managed', 'profiles.json'),
    });
    const seen = await app.page(async (window, s) => {
      const saved = await window.gpjobs.profiles.save(s.input);
      if (!saved.ok) throw new Error(saved.error.message);
      const profileId = saved.value.id;
      await window.gpjobs.credentials.set({ profileId, password: s.password });
      const pages: unknown[] = [];
      const off = window.gpjobs.events.onJobsPage((page) => void pages.push(page));
      const answer = await window.gpjobs.jobs.list({ profileId, listingId: 'ipc-1' });
      const whole = await window.gpjobs.jobs.list({ profileId });
      const after = pages.length;
      off();
      return { answer, whole, pages, after };
    }, server());
    if (!seen.answer.ok || !seen.whole.ok) throw new Error('listing failed');
    expectWhole(seen.answer.value, seen.pages as JobsPageView[], seen.whole.value, 'ipc-1');
    expect(seen.after).toBe(seen.pages.length); // the whole list raised no page event
  });
});

/** An event stream opened as the page opens it: its id from the ready event, and every event it got. */
function openStream(web: WebServer, cookie: string) {
  const events: { channel: string; payload: unknown }[] = [];
  let request!: http.ClientRequest;
  const ready = new Promise<string>((resolve, reject) => {
    request = http.get(
      {
        host: '127.0.0.1',
        port: web.port,
        path: WEB_EVENTS_PATH,
        headers: { Host: `127.0.0.1:${web.port}`, Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' },
        agent: false,
      },
      (res) => {
        let buffer = '';
        res.setEncoding('utf8').on('data', (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const channel = /^event: (.*)$/m.exec(frame)?.[1];
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (channel === undefined || data === undefined) continue;
            const payload = JSON.parse(data) as { stream?: string };
            if (channel === WEB_READY_EVENT) resolve(payload.stream ?? '');
            else events.push({ channel, payload });
          }
        });
      },
    );
    request.on('error', reject);
  });
  return { ready, events, close: () => request.destroy() };
}

describe('streamed listing over gpjobs ui (HTTP + SSE)', () => {
  let core: AppCore;
  let web: WebServer;
  const renderer = tinyRenderer();

  beforeEach(async () => {
    core = createAppCore({
      configDir: root,
      managedProfilesPath: null,
      keychainService,
      openExternal: async () => {},
    });
    web = await startWebServer({ handlers: core.handlers, onEvent: core.onEvent, rendererDir: renderer.dir });
  });
  afterEach(async () => {
    await web.close();
    await core.dispose();
  });

  /** Signs in, adds the simulator as a server; the session cookie, the profile id and a typed call. */
  async function signedInServer() {
    const cookie = await signIn(web);
    const call = async (channel: string, payload: unknown) => {
      const r = (await invokeOverHttp(web, cookie, channel, payload)).result as {
        ok: boolean;
        value: { id: string } & ServerJobsView;
      };
      if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r)}`);
      return r.value;
    };
    const { input, password } = server();
    const { id: profileId } = await call('profiles.save', input);
    await call('credentials.set', { profileId, password });
    return { cookie, profileId, call };
  }

  it('sends the pages on the event stream the call named, and to no other page of the session', async () => {
    const { cookie, profileId, call } = await signedInServer();
    const mine = openStream(web, cookie);
    const other = openStream(web, cookie);
    const [stream, otherStream] = await Promise.all([mine.ready, other.ready]);
    expect(stream).not.toBe(otherStream);
    try {
      const answered = await request(web.port, {
        method: 'POST',
        path: '/api/invoke',
        headers: { ...pageHeaders(web, cookie), [WEB_STREAM_HEADER]: stream },
        body: JSON.stringify({ channel: 'jobs.list', payload: { profileId, listingId: 'web-1' } }),
      });
      const answer = (JSON.parse(answered.body) as { value: ServerJobsView }).value;
      // The frames were written before the answer; on their own connection they may still be on the way.
      const batches = answer.streamed?.batches ?? -1;
      const pagesOf = (s: ReturnType<typeof openStream>) =>
        s.events.filter((e) => e.channel === 'jobs.page').map((e) => e.payload as JobsPageView);
      await until(() => pagesOf(mine).length >= batches);
      const whole = await call('jobs.list', { profileId });
      const pages = pagesOf(mine);
      expectWhole(answer, pages, whole, 'web-1');
      // The other page's stream is live (the core's broadcast events reach it) but got no page.
      await until(() => other.events.some((e) => e.channel === 'connection.state'));
      expect(pagesOf(other)).toEqual([]);
    } finally {
      mine.close();
      other.close();
    }
  });

  it('answers the whole list when the call names no event stream, so no job is sent into the void', async () => {
    const { profileId, call } = await signedInServer();
    const answer = await call('jobs.list', { profileId, listingId: 'web-2' });
    expect(answer.streamed).toBeUndefined();
    expect(answer.jobs).toHaveLength(JOBS);
  });
});

/** Resolves once `done()` holds, checking as the event loop turns (each turn may deliver more frames). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise<void>((resolve) => setImmediate(resolve));
}
