import crypto from 'node:crypto';
import { app, session } from 'electron';
import { vi } from 'vitest';
import { createElectronFetch } from '../../../electron/main/transport';
import { describeTransport } from '../core/arcgis/transport-suite';

// No Electron binary runs here: Electron's API comes from the faithful fake (its net.request on Node's https).
vi.mock('electron', async () => (await import('../../fakes/electron/index')).createFakeElectron());

/** Whether a certificate (PEM) was signed by one of the CAs. */
function signedByOneOf(certificatePem: string, caPems: string[]): boolean {
  const certificate = new crypto.X509Certificate(certificatePem);
  return caPems.some((pem) => certificate.verify(new crypto.X509Certificate(pem).publicKey));
}

// Electron trusts the OS store; a server's own CA is trusted the Electron way, by the session's verify proc.
describeTransport('the Electron transport (net.request)', async (trustedCaPems) => {
  await app.whenReady();
  session.defaultSession.setCertificateVerifyProc((request, callback) =>
    callback(signedByOneOf(request.certificate.data, trustedCaPems) ? 0 : -3),
  );
  return {
    fetch: createElectronFetch(),
    close: async () => session.defaultSession.setCertificateVerifyProc(null),
  };
});
