/**
 * Electron's Session for the fake: its protocol handlers (`protocol.handle` answers with a web Response,
 * as Electron's does), `fetch` through them, the permission and device handlers, `webRequest` listeners,
 * and the certificate verify procedure `net.request` consults (0 trust, -2 refuse, -3 Chromium's verdict).
 * Node's TLS verdicts and socket errors are reported as Chromium's `net::ERR_*` names.
 */
import crypto from 'node:crypto';
import tls from 'node:tls';

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
type VerifyProc = (request: CertificateVerifyRequest, callback: (result: number) => void) => void;

/** What a certificate verify procedure is asked (Electron's shape, the fields this fake fills). */
export interface CertificateVerifyRequest {
  hostname: string;
  certificate: FakeCertificate;
  validatedCertificate: FakeCertificate;
  isIssuedByKnownRoot: boolean;
  verificationResult: string;
  errorCode: number;
}

/** Electron's Certificate structure: PEM `data`, names, validity and a `sha256/<base64>` fingerprint. */
export interface FakeCertificate {
  data: string;
  issuerName: string;
  subjectName: string;
  serialNumber: string;
  validStart: number;
  validExpiry: number;
  fingerprint: string;
}

const CHROMIUM_CODES: Record<string, number> = {
  'net::ERR_CERT_COMMON_NAME_INVALID': -200,
  'net::ERR_CERT_DATE_INVALID': -201,
  'net::ERR_CERT_AUTHORITY_INVALID': -202,
  'net::ERR_CERT_INVALID': -207,
};

/** Chromium's name for a Node TLS verdict (null when trusted). */
function chromiumVerdict(socket: tls.TLSSocket, hostname: string): string | null {
  const peer = socket.getPeerCertificate();
  if (!socket.authorized) {
    const reason = String(socket.authorizationError ?? '');
    if (/EXPIRED|NOT_YET_VALID/.test(reason)) return 'net::ERR_CERT_DATE_INVALID';
    if (/SELF_SIGNED|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY|UNTRUSTED/.test(reason)) {
      return 'net::ERR_CERT_AUTHORITY_INVALID';
    }
    return 'net::ERR_CERT_INVALID';
  }
  return tls.checkServerIdentity(hostname, peer) ? 'net::ERR_CERT_COMMON_NAME_INVALID' : null;
}

function certificateOf(socket: tls.TLSSocket): FakeCertificate {
  const x509 = socket.getPeerX509Certificate();
  if (!x509) throw new Error('net::ERR_SSL_PROTOCOL_ERROR');
  const raw = x509.raw;
  return {
    data: x509.toString(),
    issuerName: x509.issuer,
    subjectName: x509.subject,
    serialNumber: x509.serialNumber,
    validStart: Date.parse(x509.validFrom) / 1000,
    validExpiry: Date.parse(x509.validTo) / 1000,
    fingerprint: `sha256/${crypto.createHash('sha256').update(raw).digest('base64')}`,
  };
}

/** Chromium's `net::ERR_*` name for a Node socket or TLS error. */
export function netErrorFor(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (typeof message === 'string' && message.startsWith('net::')) return message;
  switch (code) {
    case 'ECONNREFUSED':
      return 'net::ERR_CONNECTION_REFUSED';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'net::ERR_CONNECTION_RESET';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'net::ERR_NAME_NOT_RESOLVED';
    case 'ETIMEDOUT':
      return 'net::ERR_CONNECTION_TIMED_OUT';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'net::ERR_ADDRESS_UNREACHABLE';
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_HEADER_TOKEN':
      return 'net::ERR_INVALID_HTTP_RESPONSE';
    default:
      if (/socket hang up/.test(message ?? '')) return 'net::ERR_EMPTY_RESPONSE';
      if (/SSL|TLS|EPROTO/i.test(`${code ?? ''} ${message ?? ''}`)) return 'net::ERR_SSL_PROTOCOL_ERROR';
      return 'net::ERR_FAILED';
  }
}

/** A recorded `webRequest` listener: the filter and the listener (null removes it, as in Electron). */
export type WebRequestListeners = Map<string, { filter: unknown; listener: unknown }>;

function webRequestApi(listeners: WebRequestListeners): Record<string, (...args: unknown[]) => void> {
  const events = [
    'onBeforeRequest',
    'onBeforeSendHeaders',
    'onSendHeaders',
    'onHeadersReceived',
    'onResponseStarted',
    'onBeforeRedirect',
    'onCompleted',
    'onErrorOccurred',
  ];
  return Object.fromEntries(
    events.map((name) => [
      name,
      (...args: unknown[]) => {
        const listener = args.at(-1);
        if (listener === null) listeners.delete(name);
        else listeners.set(name, { filter: args.length > 1 ? args[0] : null, listener });
      },
    ]),
  );
}

/** Electron's Session, as far as the app and its tests use it. */
export class FakeSession {
  readonly handlers = new Map<string, ProtocolHandler>();
  readonly webRequestListeners: WebRequestListeners = new Map();
  readonly webRequest = webRequestApi(this.webRequestListeners);
  permissionRequestHandler: ((...args: unknown[]) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  #verifyProc: VerifyProc | null = null;

  /** The session's protocol object (`session.protocol`), also behind the `protocol` module after ready. */
  readonly protocol = {
    handle: (scheme: string, handler: ProtocolHandler): void => {
      if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
      this.handlers.set(scheme, handler);
    },
    unhandle: (scheme: string): void => {
      this.handlers.delete(scheme);
    },
    isProtocolHandled: (scheme: string): boolean => this.handlers.has(scheme),
  };

  setPermissionRequestHandler(handler: ((...args: unknown[]) => void) | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: ((...args: unknown[]) => boolean) | null): void {
    this.permissionCheckHandler = handler;
  }

  setDevicePermissionHandler(handler: ((...args: unknown[]) => boolean) | null): void {
    this.devicePermissionHandler = handler;
  }

  setCertificateVerifyProc(proc: VerifyProc | null): void {
    this.#verifyProc = proc;
  }

  /** Fetches a URL, through this session's protocol handlers unless told to bypass them. */
  async fetch(input: string | Request, init: RequestInit & { bypassCustomProtocolHandlers?: boolean } = {}) {
    const request = new Request(input, init);
    const scheme = new URL(request.url).protocol.slice(0, -1);
    const handler = init.bypassCustomProtocolHandlers ? undefined : this.handlers.get(scheme);
    if (handler) return handler(request);
    if (scheme !== 'http' && scheme !== 'https') throw new TypeError('net::ERR_UNKNOWN_URL_SCHEME');
    return fetch(request);
  }

  /** Chromium's verdict on a connection's certificate, after the verify procedure: null = trusted. */
  async verifyCertificate(hostname: string, socket: tls.TLSSocket): Promise<Error | null> {
    let verdict: string | null;
    let certificate: FakeCertificate;
    try {
      verdict = chromiumVerdict(socket, hostname);
      certificate = certificateOf(socket);
    } catch (error) {
      return new Error(netErrorFor(error));
    }
    const proc = this.#verifyProc;
    if (!proc) return verdict ? new Error(verdict) : null;
    const result = await new Promise<number>((resolve) =>
      proc(
        {
          hostname,
          certificate,
          validatedCertificate: certificate,
          isIssuedByKnownRoot: verdict === null,
          verificationResult: verdict ?? 'net::OK',
          errorCode: verdict ? (CHROMIUM_CODES[verdict] ?? -207) : 0,
        },
        resolve,
      ),
    );
    if (result === 0) return null;
    if (result === -3) return verdict ? new Error(verdict) : null;
    return new Error('net::ERR_FAILED');
  }
}
