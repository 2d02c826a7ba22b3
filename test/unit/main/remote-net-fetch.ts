/**
 * The Electron transport driven from another process: net-fetch-host.ts runs in Electron's main process
 * (the real one through Playwright's `_electron` where its binary is installed, else the fake one in this
 * process) and this side turns its cloneable calls back into a `FetchLike`, so the transport suite runs
 * unchanged against `net.request` in a real Electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { FetchLike, ResponseLike } from '../../../electron/core/arcgis/transport';
import { createFakeElectron, requireWithElectron } from '../../fakes/electron/index';
import type { TransportFactory } from '../core/arcgis/transport-suite';
import type { ErrorData, TransportHost } from './net-fetch-host';

/** Runs a self-contained function in the host's main process with a cloneable argument. */
type Evaluate = <R, A>(fn: (host: TransportHost, arg: A) => R | Promise<R>, arg: A) => Promise<R>;

interface HostProcess {
  evaluate: Evaluate;
  close(): Promise<void>;
}

async function bundleHost(): Promise<{ file: string; dispose(): void }> {
  // Inside the repository, so the bundle's require('electron') resolves (to the fake's stand-in here).
  const cache = path.join(import.meta.dirname, '..', '..', '..', 'node_modules', '.cache');
  fs.mkdirSync(cache, { recursive: true });
  const dir = fs.mkdtempSync(path.join(cache, 'gpjobs-net-fetch-host-'));
  const file = path.join(dir, 'net-fetch-host.cjs');
  await build({
    entryPoints: [path.join(import.meta.dirname, 'net-fetch-host.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    outfile: file,
    logLevel: 'warning',
  });
  return { file, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const hostOf = (): TransportHost => (globalThis as { transportHost?: TransportHost }).transportHost!;

/** The host on the fake Electron, in this process. */
async function fakeHost(file: string): Promise<HostProcess> {
  const electron = createFakeElectron();
  await electron.app.whenReady();
  requireWithElectron(file, electron);
  return {
    evaluate: async (fn, arg) => fn(hostOf(), arg),
    close: async () => electron.app.exit(0),
  };
}

/** The host on the real Electron, through Playwright. */
async function realHost(file: string, executablePath: string): Promise<HostProcess> {
  const { _electron } = await import('playwright');
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  delete env.ELECTRON_RUN_AS_NODE;
  const electronApp = await _electron.launch({ executablePath, args: [file], env });
  await electronApp.evaluate(({ app }) => app.whenReady());
  return {
    // Playwright hands the function the 'electron' module; the host lives on the main process's globalThis.
    evaluate: (fn, arg) =>
      electronApp.evaluate(
        (_electron, { source, value }) =>
          // The test's own function, serialised as Playwright serialises the outer one.
          new Function('host', 'arg', `return (${source})(host, arg)`)(
            (globalThis as { transportHost?: unknown }).transportHost,
            value,
          ),
        { source: fn.toString(), value: arg },
      ) as never,
    close: () => electronApp.close(),
  };
}

function rebuild(data: ErrorData | undefined): Error | undefined {
  if (!data) return undefined;
  const error = new Error(data.message ?? '', { cause: rebuild(data.cause) });
  if (data.name) error.name = data.name;
  if (data.code) (error as Error & { code: string }).code = data.code;
  return error;
}

let nextId = 0;

/** A `FetchLike` whose every call runs in the host. */
function remoteFetch(evaluate: Evaluate): FetchLike {
  return async (url, init): Promise<ResponseLike> => {
    const id = String(++nextId);
    const { signal, ...rest } = init;
    const abort = () =>
      void evaluate((host, a) => host.abort(a.id, a.message), {
        id,
        message: signal?.reason instanceof Error ? signal.reason.message : 'aborted',
      });
    if (signal?.aborted) throw signal.reason;
    signal?.addEventListener('abort', abort, { once: true });
    const answer = await evaluate((host, a) => host.fetch(a.id, a.url, a.init), { id, url, init: rest });
    if (!answer.ok) {
      signal?.removeEventListener('abort', abort);
      throw signal?.aborted ? signal.reason : rebuild(answer.error);
    }
    const headers = answer.headers;
    return {
      status: answer.status,
      statusText: answer.statusText,
      headers: { get: (name) => headers[name.toLowerCase()] ?? null },
      body: answer.body
        ? {
            getReader: () => ({
              async read() {
                const chunk = await evaluate((host, a) => host.read(a), id);
                if (!chunk.ok) throw signal?.aborted ? signal.reason : rebuild(chunk.error);
                if (chunk.done) signal?.removeEventListener('abort', abort);
                return chunk.value === undefined
                  ? { done: chunk.done }
                  : { done: chunk.done, value: new Uint8Array(Buffer.from(chunk.value, 'base64')) };
              },
              async cancel() {
                signal?.removeEventListener('abort', abort);
                await evaluate((host, a) => host.cancel(a), id);
              },
            }),
          }
        : null,
    };
  };
}

/** The suite's factory for the Electron transport in a host process: the real Electron when given its binary. */
export function remoteElectronTransport(electronBinary: string | null): TransportFactory {
  return async (trustedCaPems) => {
    const bundle = await bundleHost();
    const host = electronBinary ? await realHost(bundle.file, electronBinary) : await fakeHost(bundle.file);
    await host.evaluate((h, pems) => h.trust(pems), trustedCaPems);
    return {
      fetch: remoteFetch(host.evaluate),
      close: async () => {
        await host.close();
        bundle.dispose();
      },
    };
  };
}
