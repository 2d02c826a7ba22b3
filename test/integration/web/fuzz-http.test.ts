/**
 * The malformed-payload fuzz test again, over HTTP as `gpjobs ui` receives calls: every case is encoded as
 * the page's web client encodes it, sent with a signed-in session, and must come back rejected with the
 * same clear error that IPC's `dispatch` gives for what the wire carried, with no handler run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/main/dispatch';
import { INVOKE_CHANNELS } from '../../../electron/shared/contract';
import { WEB_INVOKE_PATH, encodeInvoke } from '../../../electron/shared/web-api';
import { startWebServer, type WebServer } from '../../../electron/web/server';
import { malformedCases } from '../../unit/main/malformed-payloads';
import { stubHandlers } from '../../unit/shared/stub-handlers';
import { invokeOverHttp, pageHeaders, request, signIn, tinyRenderer } from './http';

const SEED = 0x6a0b5;
const stub = stubHandlers();
const renderer = tinyRenderer();
let server: WebServer;
let cookie: string;

beforeAll(async () => {
  server = await startWebServer({
    handlers: stub.handlers,
    onEvent: () => () => undefined,
    rendererDir: renderer.dir,
  });
  cookie = await signIn(server);
});

afterAll(async () => {
  await server.close();
  renderer.remove();
});

/** What the server receives: the payload after the web client's JSON encoding. */
function onTheWire(body: string): { channel: unknown; payload: unknown } {
  return JSON.parse(body) as { channel: unknown; payload: unknown };
}

describe('gpjobs ui under fuzzing', () => {
  it('rejects over 1,000 malformed payloads sent over HTTP exactly as dispatch does, running no handler', async () => {
    const cases = malformedCases(SEED, 60);
    let sent = 0;
    for (const { channel, kind, payload } of cases) {
      const where = `${channel} (${kind})`;
      const body = encodeInvoke(channel, payload);
      let result: unknown;
      if (body.ok) {
        sent++;
        const answer = await invokeOverHttp(server, cookie, channel, onTheWire(body.value).payload);
        expect(answer.status, where).toBe(200);
        const wire = onTheWire(body.value);
        expect(answer.result, where).toEqual(await dispatch(wire.channel, wire.payload, stub.handlers));
        result = answer.result;
      } else {
        result = body; // too deep for JSON: the client refuses it without sending
      }
      const r = result as { ok: boolean; error: { kind: string; message: string } };
      expect(r.ok, where).toBe(false);
      expect(r.error.kind, where).toBe('invalid-input');
      expect(r.error.message, where).toMatch(
        new RegExp(`^Rejected a malformed request to ${channel.replace('.', '\\.')}( at "[^"]+")?: .+\\.$`),
      );
      expect(r.error.message.length, where).toBeLessThan(400);
    }
    expect(sent).toBeGreaterThanOrEqual(1_000);
    for (const channel of INVOKE_CHANNELS) {
      expect(cases.filter((c) => c.channel === channel).length, channel).toBeGreaterThanOrEqual(50);
    }
    expect(stub.totalCalls()).toBe(0);
  });

  it('rejects unknown channels and bodies that are not { channel, payload } without running a handler', async () => {
    for (const channel of [
      '',
      'profiles',
      '__proto__',
      'constructor',
      'gpjobs:profiles.list',
      'x'.repeat(10_000),
      42,
      null,
    ]) {
      const answer = await invokeOverHttp(server, cookie, channel, { profileId: 'p-1' });
      expect(answer.result).toEqual(await dispatch(channel, { profileId: 'p-1' }, stub.handlers));
      expect(answer.result).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    }
    for (const body of ['', 'not json', '[]', '"profiles.list"', 'null', '{"channel":"profiles.list"']) {
      const answer = await request(server.port, {
        method: 'POST',
        path: WEB_INVOKE_PATH,
        headers: pageHeaders(server, cookie),
        body,
      });
      expect(answer.status, body).toBe(400);
      expect(JSON.parse(answer.body), body).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    }
    expect(stub.totalCalls()).toBe(0);
  });

  it('leaves Object.prototype untouched by __proto__ and constructor payloads sent as JSON text', async () => {
    const polluting = '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}';
    for (const channel of INVOKE_CHANNELS) {
      const answer = await request(server.port, {
        method: 'POST',
        path: WEB_INVOKE_PATH,
        headers: pageHeaders(server, cookie),
        body: `{"channel": ${JSON.stringify(channel)}, "payload": ${polluting}, "__proto__": {"polluted": true}}`,
      });
      expect(JSON.parse(answer.body), channel).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(stub.totalCalls()).toBe(0);
  });
});
