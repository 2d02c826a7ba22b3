/**
 * Electron's IPC for the fake: `ipcMain` (invoke handlers, one per channel, a second `handle` throws), and the
 * renderer side a preload sees (`ipcRenderer`, `contextBridge`). Arguments and results cross as structured
 * clones, as over Electron's IPC; an invoke without a handler, or a handler that throws, rejects with
 * Electron's "Error invoking remote method" message.
 */
import { EventEmitter } from 'node:events';

/** The sender an invoke comes from: a web contents and its frame. */
export interface IpcSender {
  contents: { id: number; isDestroyed(): boolean; rendererIpc: EventEmitter };
  frame: { url: string; parent: null; routingId: number; processId: number };
}

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

/** Electron's ipcMain: an EventEmitter plus invoke handlers. */
export class FakeIpcMain extends EventEmitter {
  readonly invokeHandlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    if (this.invokeHandlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    if (typeof handler !== 'function')
      throw new TypeError(`Expected handler to be a function, but got ${typeof handler}`);
    this.invokeHandlers.set(channel, handler);
  }

  handleOnce(channel: string, handler: InvokeHandler): void {
    this.handle(channel, (event, ...args) => {
      this.removeHandler(channel);
      return handler(event, ...args);
    });
  }

  removeHandler(channel: string): void {
    this.invokeHandlers.delete(channel);
  }

  /** What `ipcRenderer.invoke` from a sender does in the main process. */
  async invokeFrom(sender: IpcSender, channel: string, args: unknown[]): Promise<unknown> {
    const handler = this.invokeHandlers.get(channel);
    const event = {
      sender: sender.contents,
      senderFrame: sender.frame,
      frameId: sender.frame.routingId,
      processId: sender.frame.processId,
      type: 'frame',
    };
    if (!handler) {
      throw new Error(
        `Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`,
      );
    }
    try {
      return structuredClone(await handler(event, ...structuredClone(args)));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, { cause: error });
    }
  }
}

/** The renderer-side modules a preload requires from 'electron', bound to one window. */
export function rendererModules(ipcMain: FakeIpcMain, sender: IpcSender, world: Record<string, unknown>) {
  const rendererIpc = sender.contents.rendererIpc;
  const ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]) => ipcMain.invokeFrom(sender, channel, args),
    on(channel: string, listener: (...args: unknown[]) => void) {
      rendererIpc.on(channel, listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: (...args: unknown[]) => void) {
      rendererIpc.removeListener(channel, listener);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown): void {
      if (key in world)
        throw new Error(`Cannot bind an API on top of an existing property on the window object`);
      world[key] = api;
    },
  };
  return { ipcRenderer, contextBridge };
}
