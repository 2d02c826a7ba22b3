/**
 * Says WHICH certificate a server presented when TLS verification fails: a separate `tls.connect` probe
 * with verification off, used only to read the certificate for the error message. It sends no data, so no
 * token or password ever travels over an unverified connection.
 */
import net from 'node:net';
import tls from 'node:tls';

/** The certificate a server presented, as an administrator would want to read it. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** The top of the chain the server sent (the CA to trust), when it differs from the issuer line. */
  root: string | null;
  validTo: string;
  fingerprint256: string;
  selfSigned: boolean;
}

/** Reads the certificate of an https URL's host; null when it cannot (not https, unreachable). */
export type CertificateProbe = (url: string) => Promise<CertificateInfo | null>;

/** Formats a certificate name object as `CN=..., O=...`. */
export function formatDistinguishedName(dn: Record<string, unknown> | undefined): string {
  if (!dn) return '(none)';
  const parts = Object.entries(dn)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`);
  return parts.length ? parts.join(', ') : '(none)';
}

function describe(cert: tls.DetailedPeerCertificate): CertificateInfo {
  const subject = formatDistinguishedName(cert.subject as unknown as Record<string, unknown>);
  const issuer = formatDistinguishedName(cert.issuer as unknown as Record<string, unknown>);
  let top: tls.DetailedPeerCertificate = cert;
  for (let i = 0; i < 10 && top.issuerCertificate && top.issuerCertificate !== top; i++)
    top = top.issuerCertificate;
  const rootName = formatDistinguishedName(top.subject as unknown as Record<string, unknown>);
  return {
    subject,
    issuer,
    root: top !== cert && rootName !== issuer ? rootName : null,
    validTo: cert.valid_to,
    fingerprint256: cert.fingerprint256,
    selfSigned: subject === issuer,
  };
}

/** Connects to the URL's host with verification off, reads the peer certificate and disconnects. */
export function probeCertificate(url: string, timeoutMs = 5000): Promise<CertificateInfo | null> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return Promise.resolve(null);
  }
  if (u.protocol !== 'https:') return Promise.resolve(null);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = tls.connect({
      host,
      port: Number(u.port || 443),
      servername: net.isIP(host) ? undefined : host,
      rejectUnauthorized: false,
    });
    const done = (info: CertificateInfo | null): void => {
      socket.destroy();
      resolve(info);
    };
    socket.setTimeout(timeoutMs, () => done(null));
    socket.once('error', () => done(null));
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate(true);
      done(cert && cert.subject ? describe(cert) : null);
    });
  });
}
