import crypto from 'node:crypto';
import { app, session } from 'electron';
import { vi } from 'vitest';
import { createElectronFetch } from '../../../electron/main/net-fetch';
import { describeTransport } from '../core/arcgis/transport-suite';
import { remoteElectronTransport } from './remote-net-fetch';

// In this process, Electron's API comes from the faithful fake (its net.request on Node's https).
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

// The same suite with the transport in an Electron main process of its own: the real Electron where its
// binary is installed, otherwise the fake one (which proves the bridge the real run goes through).
const { findElectronBinary } = (await import(
  new URL('../../../build/electron-binary.mjs', import.meta.url).href
)) as {
  findElectronBinary(): string | null;
};
const binary = findElectronBinary();
describeTransport(
  `the Electron transport in ${binary ? 'Electron' : 'a fake Electron'} main process`,
  remoteElectronTransport(binary),
);
