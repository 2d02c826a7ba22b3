import type { BrowserWindow, IpcMainInvokeEvent, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, ipcName } from '../../../electron/shared/contract';
import { stubHandlers } from '../shared/stub-handlers';
import { VALID_PAYLOADS } from '../shared/valid-payloads';

// No Electron binary runs here: ipcMain is replaced by a registry that behaves like it for handle/removeHandler.
const registered = new Map<string, (event: unknown, payload: unknown) => unknown>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (name: string, listener: (event: unknown, payload: unknown) => unknown) => {
      if (registered.has(name)) throw new Error(`Attempted to register a second handler for '${name}'`);
      registered.set(name, listener);
    },
    removeHandler: (name: string) => registered.delete(name),
  },
}));

const { appWindowSenderCheck, emit, registerIpc } = await import('../../../electron/main/ipc');

beforeEach(() => registered.clear());

const APP_URL = 'app://gp-job-admin/index.html';

function fakeWindow(url = APP_URL) {
  const mainFrame = { parent: null, url };
  const webContents = { mainFrame };
  return { window: { isDestroyed: () => false, webContents }, mainFrame, webContents };
}

function invokeEvent(sender: unknown, senderFrame: unknown): IpcMainInvokeEvent {
  return { sender, senderFrame } as unknown as IpcMainInvokeEvent;
}

describe('registerIpc', () => {
  it('registers exactly one handler per contract channel, and removes them all', () => {
    const unregister = registerIpc(stubHandlers().handlers, () => true);
    expect([...registered.keys()].sort()).toEqual(INVOKE_CHANNELS.map(ipcName).sort());
    unregister();
    expect(registered.size).toBe(0);
  });

  it('refuses an untrusted sender before validation, without running a handler', async () => {
    const stub = stubHandlers();
    registerIpc(stub.handlers, () => false);
    const result = await registered.get(ipcName('profiles.remove'))?.({}, VALID_PAYLOADS['profiles.remove']);
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'permission',
        message: 'Refused profiles.remove: the request did not come from the GP Job Admin window.',
      },
    });
    expect(stub.totalCalls()).toBe(0);
  });

  it('validates a trusted request and runs its handler', async () => {
    const stub = stubHandlers();
    registerIpc(stub.handlers, () => true);
    const listener = registered.get(ipcName('bulk.abort'));
    await expect(listener?.({}, { runId: 'run-1' })).resolves.toEqual({ ok: true, value: null });
    const bad = (await listener?.({}, { runId: 42 })) as { ok: boolean; error: { kind: string } };
    expect(bad.ok).toBe(false);
    expect(bad.error.kind).toBe('invalid-input');
    expect(stub.calls.get('bulk.abort')).toEqual([{ runId: 'run-1' }]);
  });
});

describe('appWindowSenderCheck', () => {
  it('trusts the main frame of the app window on the app origin', () => {
    const { window, webContents, mainFrame } = fakeWindow();
    const check = appWindowSenderCheck(() => window as unknown as BrowserWindow);
    expect(check(invokeEvent(webContents, mainFrame))).toBe(true);
  });

  it('refuses iframes, other web contents, foreign origins, vanished frames and a closed window', () => {
    const { window, webContents, mainFrame } = fakeWindow();
    const check = appWindowSenderCheck(() => window as unknown as BrowserWindow);
    const iframe = { parent: mainFrame, url: APP_URL };
    expect(check(invokeEvent(webContents, iframe))).toBe(false);
    const other = fakeWindow();
    expect(check(invokeEvent(other.webContents, other.mainFrame))).toBe(false);
    expect(check(invokeEvent(webContents, null))).toBe(false);

    const foreign = fakeWindow('https://evil.example.com/');
    const foreignCheck = appWindowSenderCheck(() => foreign.window as unknown as BrowserWindow);
    expect(foreignCheck(invokeEvent(foreign.webContents, foreign.mainFrame))).toBe(false);

    expect(appWindowSenderCheck(() => null)(invokeEvent(webContents, mainFrame))).toBe(false);
    const closed = { ...window, isDestroyed: () => true };
    expect(
      appWindowSenderCheck(() => closed as unknown as BrowserWindow)(invokeEvent(webContents, mainFrame)),
    ).toBe(false);
  });
});

describe('emit', () => {
  it('sends an event on its contract IPC name, and drops it once the window is gone', () => {
    const sent: unknown[][] = [];
    let destroyed = false;
    const contents = { isDestroyed: () => destroyed, send: (...args: unknown[]) => sent.push(args) };
    const payload = { profileId: 'p-1', state: 'connected' as const, error: null, lastRefresh: 1 };
    emit(contents as unknown as WebContents, 'connection.state', payload);
    destroyed = true;
    emit(contents as unknown as WebContents, 'connection.state', payload);
    expect(sent).toEqual([[ipcName('connection.state'), payload]]);
  });
});
