/**
 * Classifies errors a transport throws into `AppError`s, whatever their shape: undici's dispatcher and
 * Node's own errors directly (`UND_ERR_*`, `ECONNREFUSED`, TLS codes), undici's `fetch` wrapping them as
 * `TypeError('fetch failed')` with a `cause`, and Electron's `net::ERR_*` messages. An untrusted
 * certificate is named (subject, issuer) with the way to trust it.
 */
import type { AppError } from '../types';
import type { CertificateInfo, CertificateProbe } from './tls-info';

const TLS_TRUST =
  /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_UNTRUSTED|CERT_REJECTED|CERT_SIGNATURE_FAILURE|ERR_CERT_AUTHORITY_INVALID|ERR_CERT_INVALID/;
const TLS_EXPIRED = /CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|ERR_CERT_DATE_INVALID/;
const TLS_NAME = /ERR_TLS_CERT_ALTNAME_INVALID|ERR_CERT_COMMON_NAME_INVALID|Hostname\/IP does not match/;
/** The headers came and the body was cut off (undici's "terminated", a length or chunk that never ended). */
const CUT_OFF =
  /\bterminated\b|CONTENT_LENGTH_MISMATCH|ERR_INCOMPLETE_CHUNKED_ENCODING|ERR_CONTENT_LENGTH_MISMATCH/;
const TLS_OTHER = /ERR_SSL_|ERR_CERT_|EPROTO|wrong version number|ssl3_get_record/;

function named(cert: CertificateInfo | null): string {
  if (!cert) return '';
  const root = cert.root ? `; the chain ends at "${cert.root}"` : '';
  return (
    ` The server presented a certificate for "${cert.subject}" issued by "${cert.issuer}"${root}` +
    ` (valid to ${cert.validTo}, SHA-256 ${cert.fingerprint256}).`
  );
}

/** A `tls` AppError when the error text is a certificate failure, naming the certificate; else null. */
export async function describeTlsFailure(
  text: string,
  url: string,
  probe: CertificateProbe,
): Promise<AppError | null> {
  const host = new URL(url).host;
  const reason = /([A-Z_]{8,}|net::ERR_[A-Z_]+)/.exec(text)?.[1];
  const base = { kind: 'tls' as const, fault: 'tls' as const, ...(reason ? { serverMessage: reason } : {}) };
  if (TLS_TRUST.test(text)) {
    const cert = await probe(url);
    return {
      ...base,
      message:
        `The certificate of ${host} is not trusted by this computer.${named(cert)}` +
        ` To trust it, add the issuing CA certificate (PEM) to this server's profile` +
        `${cert?.selfSigned ? ' (this certificate is self-signed: add the certificate itself)' : ''}.`,
    };
  }
  if (TLS_EXPIRED.test(text)) {
    const cert = await probe(url);
    return {
      ...base,
      message: `The certificate of ${host} has expired or is not yet valid.${named(cert)} The server's certificate must be renewed; trusting a CA does not fix this.`,
    };
  }
  if (TLS_NAME.test(text)) {
    const cert = await probe(url);
    return {
      ...base,
      message: `The certificate of ${host} is not valid for the name "${new URL(url).hostname}".${named(cert)} Use the host name the certificate was issued for in the profile.`,
    };
  }
  if (TLS_OTHER.test(text)) {
    return {
      ...base,
      message: `The secure connection to ${host} failed (${reason ?? 'TLS error'}). Is this an https port?`,
    };
  }
  return null;
}

function causes(e: unknown): Array<{ code?: string; message?: string }> {
  const out: Array<{ code?: string; message?: string }> = [];
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    const c = cur as { code?: unknown; message?: unknown; cause?: unknown };
    out.push({
      ...(typeof c.code === 'string' ? { code: c.code } : {}),
      ...(typeof c.message === 'string' ? { message: c.message } : {}),
    });
    cur = c.cause;
  }
  return out;
}

/** The first code in `text` (`HPE_INVALID_CONSTANT`, `net::ERR_PROXY_CONNECTION_FAILED`). */
function reason(text: string): string {
  return /(net::ERR_[A-Z_]+|[A-Z][A-Z_]{6,})/.exec(text)?.[1] ?? 'no code';
}

/** Classifies a thrown transport error (the error and its causes: undici, Node and Electron codes). */
export async function transportError(e: unknown, url: string, probe: CertificateProbe): Promise<AppError> {
  const chain = causes(e);
  const text = chain.map((c) => `${c.code ?? ''} ${c.message ?? ''}`).join(' | ');
  const host = new URL(url).host;
  const detail =
    chain
      .map((c) => c.message)
      .filter(Boolean)
      .at(-1) ?? String(e);
  const tlsFailure = await describeTlsFailure(text, url, probe);
  if (tlsFailure) return tlsFailure;
  if (/ERR_PROXY_|ERR_TUNNEL_CONNECTION_FAILED|ERR_MANDATORY_PROXY/.test(text)) {
    // Electron's transport goes through the system proxy: the proxy, not the server, failed.
    return {
      kind: 'network',
      message: `Could not reach ${host} through this computer's proxy (${reason(text)}). Check the system proxy settings, or ask whether the proxy is up and lets this server through.`,
      fault: 'other',
      serverMessage: detail,
    };
  }
  if (/\bHPE_|ERR_INVALID_HTTP_RESPONSE/.test(text)) {
    // Something answered on the port, but not in HTTP: not an ArcGIS Server's web port, and no retry helps.
    return {
      kind: 'not-arcgis',
      message: `${host} answered, but not in HTTP (${reason(text)}). Is this the server's https port (6443, or 443 for a Web Adaptor), and does the address start with https?`,
      serverMessage: detail,
    };
  }
  if (/ECONNREFUSED|ERR_CONNECTION_REFUSED/.test(text)) {
    return {
      kind: 'network',
      message: `${host} refused the connection. Is the server running and the port right?`,
      fault: 'refused',
      serverMessage: detail,
    };
  }
  if (/ENOTFOUND|EAI_AGAIN|EAI_FAIL|ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED/.test(text)) {
    return {
      kind: 'network',
      message: `The host name ${new URL(url).hostname} could not be resolved (DNS).`,
      fault: 'dns',
      serverMessage: detail,
    };
  }
  if (/UND_ERR_CONNECT_TIMEOUT|ETIMEDOUT|ERR_TIMED_OUT|ERR_CONNECTION_TIMED_OUT/.test(text)) {
    return {
      kind: 'timeout',
      transient: true,
      message: `Connecting to ${host} timed out.`,
      fault: 'timed-out',
      serverMessage: detail,
    };
  }
  if (/UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT/.test(text)) {
    return {
      kind: 'timeout',
      transient: true,
      message: `${host} stopped answering before the reply was complete.`,
      fault: 'timed-out',
      serverMessage: detail,
    };
  }
  if (
    /ECONNRESET|ECONNABORTED|EPIPE|UND_ERR_SOCKET|other side closed|socket hang up|ERR_CONNECTION_(RESET|CLOSED|ABORTED)|ERR_EMPTY_RESPONSE/i.test(
      text,
    ) ||
    CUT_OFF.test(text)
  ) {
    return {
      kind: 'network',
      transient: true,
      // undici's "terminated": the headers came and the body was cut off (a restart, a proxy's size or time limit).
      message: CUT_OFF.test(text)
        ? `${host} closed the connection before the answer was complete.`
        : `${host} closed the connection before answering.`,
      fault: 'closed',
      serverMessage: detail,
    };
  }
  if (
    /EHOSTUNREACH|ENETUNREACH|ENETDOWN|EHOSTDOWN|ERR_ADDRESS_UNREACHABLE|ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED/.test(
      text,
    )
  ) {
    return {
      kind: 'network',
      message: `${host} is unreachable from this computer (no route).`,
      fault: 'no-route',
      serverMessage: detail,
    };
  }
  if (/bad port/i.test(text)) {
    return {
      kind: 'bad-url',
      message: `The port of ${host} is blocked for web requests; use the server's usual port (e.g. 443 or 6443).`,
    };
  }
  return {
    kind: 'network',
    fault: 'other',
    message: `Could not reach ${host}: ${detail}`,
    serverMessage: detail,
  };
}
