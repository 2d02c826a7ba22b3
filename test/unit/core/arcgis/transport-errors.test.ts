import { errors } from 'undici';
import { describe, expect, it } from 'vitest';
import type { CertificateInfo } from '../../../../electron/core/arcgis/tls-info';
import { transportError } from '../../../../electron/core/arcgis/transport-errors';

const URL_ = 'https://machine.example.com:6443/arcgis/admin/info';
const cert: CertificateInfo = {
  subject: 'CN=machine.example.com',
  issuer: 'CN=Example Internal CA, O=Example',
  root: null,
  validTo: 'Jan 1 00:00:00 2030 GMT',
  fingerprint256: 'AA:BB',
  selfSigned: false,
};
const probe = async () => cert;

/** Shapes as undici throws them: TypeError('fetch failed') with the socket error as cause. */
function undici(code: string, message = code): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
}

describe('transportError', () => {
  it('names the untrusted certificate and how to trust it', async () => {
    const e = await transportError(
      undici('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'),
      URL_,
      probe,
    );
    expect(e.kind).toBe('tls');
    expect(e.message).toContain('CN=machine.example.com');
    expect(e.message).toContain('CN=Example Internal CA, O=Example');
    expect(e.message).toMatch(/add the issuing CA certificate \(PEM\) to this server's profile/);
  });

  it.each([
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls', /not trusted/, 'tls'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls', /not trusted/, 'tls'],
    ['CERT_HAS_EXPIRED', 'tls', /expired/, 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls', /not valid for the name/, 'tls'],
    ['ECONNREFUSED', 'network', /refused/, 'refused'],
    ['ENOTFOUND', 'network', /could not be resolved/, 'dns'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', /timed out/, 'timed-out'],
    ['ECONNRESET', 'network', /closed the connection/, 'closed'],
    ['UND_ERR_SOCKET', 'network', /closed the connection/, 'closed'],
    ['EHOSTUNREACH', 'network', /unreachable/, 'no-route'],
    ['EAI_FAIL', 'network', /could not be resolved/, 'dns'],
    ['ECONNABORTED', 'network', /closed the connection before answering/, 'closed'],
    ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'network', /before the answer was complete/, 'closed'],
    ['ENETDOWN', 'network', /unreachable/, 'no-route'],
    ['EHOSTDOWN', 'network', /unreachable/, 'no-route'],
    ['EWHATEVER', 'network', /Could not reach/, 'other'],
  ])('maps undici %s to %s, naming the fault', async (code, kind, message, fault) => {
    const e = await transportError(undici(code), URL_, probe);
    expect(e.kind).toBe(kind);
    expect(e.message).toMatch(message);
    expect(e.fault).toBe(fault);
  });

  it.each([
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls', /not trusted/],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls', /not trusted/],
    ['CERT_HAS_EXPIRED', 'tls', /expired/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls', /not valid for the name/],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls', /https port/],
    ['ECONNREFUSED', 'network', /refused/],
    ['ENOTFOUND', 'network', /could not be resolved/],
    ['ECONNRESET', 'network', /closed the connection/],
    ['EHOSTUNREACH', 'network', /unreachable/],
  ])('maps a raw Node %s (as the dispatcher throws it) to %s', async (code, kind, message) => {
    const e = await transportError(Object.assign(new Error(`${code} failure`), { code }), URL_, probe);
    expect(e.kind).toBe(kind);
    expect(e.message).toMatch(message);
  });

  it.each([
    [new errors.SocketError('other side closed'), 'network', /closed the connection/],
    [new errors.ConnectTimeoutError(), 'timeout', /Connecting to .* timed out/],
    [new errors.HeadersTimeoutError(), 'timeout', /stopped answering/],
    [new errors.BodyTimeoutError(), 'timeout', /stopped answering/],
  ])('maps the dispatcher error %s to a transient %s', async (error, kind, message) => {
    const e = await transportError(error, URL_, probe);
    expect(e).toMatchObject({ kind, message: expect.stringMatching(message) });
    expect(e.transient).toBe(true);
  });

  it.each([
    ['net::ERR_CERT_AUTHORITY_INVALID', 'tls', 'tls'],
    ['net::ERR_CERT_COMMON_NAME_INVALID', 'tls', 'tls'],
    ['net::ERR_CONNECTION_REFUSED', 'network', 'refused'],
    ['net::ERR_NAME_NOT_RESOLVED', 'network', 'dns'],
    ['net::ERR_CONNECTION_RESET', 'network', 'closed'],
    ['net::ERR_ADDRESS_UNREACHABLE', 'network', 'no-route'],
    ['net::ERR_TIMED_OUT', 'timeout', 'timed-out'],
    ['net::ERR_NAME_RESOLUTION_FAILED', 'network', 'dns'],
    ['net::ERR_CONNECTION_ABORTED', 'network', 'closed'],
    ['net::ERR_INCOMPLETE_CHUNKED_ENCODING', 'network', 'closed'],
    ['net::ERR_NETWORK_CHANGED', 'network', 'no-route'],
  ])('maps Electron %s to %s (fault %s)', async (message, kind, fault) => {
    expect(await transportError(new Error(message), URL_, probe)).toMatchObject({ kind, fault });
  });

  it.each([['net::ERR_PROXY_CONNECTION_FAILED'], ['net::ERR_TUNNEL_CONNECTION_FAILED']])(
    'names the system proxy for Electron %s, not the server',
    async (code) => {
      const e = await transportError(new Error(code), URL_, probe);
      expect(e).toMatchObject({ kind: 'network', fault: 'other' });
      expect(e.message).toBe(
        `Could not reach machine.example.com:6443 through this computer's proxy (${code}). Check the system proxy settings, or ask whether the proxy is up and lets this server through.`,
      );
    },
  );

  it.each([
    ['undici', undici('HPE_INVALID_CONSTANT', 'Expected HTTP/'), 'HPE_INVALID_CONSTANT'],
    ['Electron', new Error('net::ERR_INVALID_HTTP_RESPONSE'), 'net::ERR_INVALID_HTTP_RESPONSE'],
  ])(
    'says a %s answer not in HTTP came, not "Could not reach", and is not retried',
    async (_, error, code) => {
      const e = await transportError(error, URL_, probe);
      expect(e.kind).toBe('not-arcgis');
      expect(e.transient).toBeUndefined();
      expect(e.message).toBe(
        `machine.example.com:6443 answered, but not in HTTP (${code}). Is this the server's https port (6443, or 443 for a Web Adaptor), and does the address start with https?`,
      );
    },
  );

  it('says a body cut off after the headers (undici "terminated") was not complete, not "before answering"', async () => {
    const cut = new TypeError('terminated', { cause: new errors.SocketError('other side closed') });
    const e = await transportError(cut, URL_, probe);
    expect(e).toMatchObject({ kind: 'network', transient: true });
    expect(e.message).toBe('machine.example.com:6443 closed the connection before the answer was complete.');
    expect((await transportError(undici('ECONNRESET'), URL_, probe)).message).toMatch(/before answering/);
  });

  it('marks resets and timeouts transient but not refusals', async () => {
    expect((await transportError(undici('ECONNRESET'), URL_, probe)).transient).toBe(true);
    expect((await transportError(undici('UND_ERR_CONNECT_TIMEOUT'), URL_, probe)).transient).toBe(true);
    expect((await transportError(undici('ECONNREFUSED'), URL_, probe)).transient).toBeUndefined();
  });

  it('still explains an untrusted certificate when the probe cannot read it', async () => {
    const e = await transportError(undici('SELF_SIGNED_CERT_IN_CHAIN'), URL_, async () => null);
    expect(e.kind).toBe('tls');
    expect(e.message).toMatch(/CA certificate/);
  });
});
