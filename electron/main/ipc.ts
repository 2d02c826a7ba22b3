/**
 * The main-process IPC module: the only `ipcMain` user. Registers one handler per contract channel, checks
 * the sender once here (handlers never repeat it), then hands the request to `dispatch`, which validates.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { err } from '../core';
import {
  INVOKE_CHANNELS,
  ipcName,
  type ChannelHandlers,
  type EventChannel,
  type EventPayloads,
} from '../shared/contract';
import { dispatch } from './dispatch';
import { isTrustedSender } from './security';

/** Decides whether an IPC request may be served. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * Registers every contract channel. Requests from anyone but the trusted sender get an error result and
 * never reach validation or a handler. Returns a function that removes the handlers again.
 */
export function registerIpc(handlers: ChannelHandlers, senderCheck: SenderCheck): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(ipcName(channel), (event, payload: unknown) => {
      if (!senderCheck(event)) {
        return err({
          kind: 'permission',
          message: `Refused ${channel}: the request did not come from the GP Job Admin window.`,
        });
      }
      // Events a request raises (a streamed listing's pages) go to the window that sent it, nowhere else.
      const sender = event.sender;
      return dispatch(channel, payload, handlers, undefined, {
        push: (name, data) => emit(sender, name, data),
      });
    });
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(ipcName(channel));
  };
}

/**
 * The sender check for the app: the request must come from the main window's web contents, from its main
 * frame (not an iframe), whose URL is on the app's origin (parsed with `new URL`).
 */
export function appWindowSenderCheck(getWindow: () => BrowserWindow | null): SenderCheck {
  return (event) => {
    const window = getWindow();
    const contents = window && !window.isDestroyed() ? window.webContents : null;
    const frame = event.senderFrame;
    return isTrustedSender({
      isAppWindow: contents !== null && event.sender === contents,
      isMainFrame:
        contents !== null && frame !== null && frame.parent === null && frame === contents.mainFrame,
      frameUrl: frame?.url ?? null,
    });
  };
}

/** Pushes an event to a window's renderer (dropped when the window is gone). */
export function emit<E extends EventChannel>(
  contents: WebContents,
  channel: E,
  payload: EventPayloads[E],
): void {
  if (contents.isDestroyed()) return;
  contents.send(ipcName(channel), payload);
}
