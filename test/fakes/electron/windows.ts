/**
 * Electron's BrowserWindow and WebContents for the fake. A window records its options and web preferences
 * (`webContents.getLastWebPreferences()`), cannot exist before 'ready', raises 'web-contents-created' on the
 * app, and loads a URL through its session (custom protocols included): the response is kept, the preload
 * runs with the renderer-side 'electron' modules, then 'did-finish-load' and the window's 'ready-to-show'.
 * The page's main world is a plain object (`world`) holding what the preload exposed.
 */
import { EventEmitter } from 'node:events';
import type { FakeApp } from './app';
import { preventable } from './app';
import type { FakeIpcMain, IpcSender } from './ipc';
import { rendererModules } from './ipc';
import type { FakeSession } from './session';

/** A rectangle in device-independent pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What windows need from the rest of the fake. */
export interface WindowRuntime {
  app: FakeApp;
  session: FakeSession;
  ipcMain: FakeIpcMain;
  workArea: Rect;
  /** Runs a preload script with the given 'electron' module. */
  runPreload(file: string, electron: object): void;
}

/** A response a window loaded, for tests to inspect. */
export interface LoadedPage {
  url: string;
  status: number;
  headers: Record<string, string>;
}

let nextId = 1;

/** Electron's WebContents. */
export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  /** The events `send` delivers to the page's ipcRenderer. */
  readonly rendererIpc = new EventEmitter();
  /** The page's main world: what the preload exposed through the context bridge. */
  readonly world: Record<string, unknown> = {};
  /** Every page loaded, in order. */
  readonly loaded: LoadedPage[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly mainFrame: IpcSender['frame'];
  #url = '';
  #destroyed = false;

  constructor(
    private readonly runtime: WindowRuntime,
    private readonly preferences: Record<string, unknown>,
  ) {
    super();
    const currentUrl = (): string => this.#url;
    this.mainFrame = {
      get url() {
        return currentUrl();
      },
      parent: null,
      routingId: 1,
      processId: this.id,
    };
  }

  get session(): FakeSession {
    return this.runtime.session;
  }

  getLastWebPreferences(): Record<string, unknown> {
    return { ...this.preferences };
  }

  getURL(): string {
    return this.#url;
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.emit('destroyed');
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.#destroyed) throw new Error('Object has been destroyed');
    this.rendererIpc.emit(channel, { sender: null }, ...structuredClone(args));
  }

  /** Loads a URL through the session; rejects like Electron when the load fails. */
  async loadURL(url: string): Promise<void> {
    if (this.#destroyed) throw new Error('Object has been destroyed');
    this.#url = url;
    let response: Response;
    try {
      response = await this.runtime.session.fetch(url);
    } catch (error) {
      this.emit('did-fail-load', preventable(), -2, String(error), url, true);
      throw new Error(`ERR_FAILED (-2) loading '${url}'`, { cause: error });
    }
    this.loaded.push({ url, status: response.status, headers: Object.fromEntries(response.headers) });
    await response.arrayBuffer();
    const preload = this.preferences.preload;
    if (typeof preload === 'string') {
      const sender: IpcSender = { contents: this, frame: this.mainFrame };
      this.runtime.runPreload(preload, rendererModules(this.runtime.ipcMain, sender, this.world));
    }
    this.emit('dom-ready', preventable());
    this.emit('did-finish-load', preventable());
  }
}

/** BrowserWindow's static side, bound to one fake runtime. */
export interface FakeBrowserWindowClass {
  new (options?: Record<string, unknown>): FakeBrowserWindow;
  getAllWindows(): FakeBrowserWindow[];
  getFocusedWindow(): FakeBrowserWindow | null;
  fromWebContents(contents: unknown): FakeBrowserWindow | null;
}

/** Electron's BrowserWindow (construct it through the class `createBrowserWindowClass` returns). */
export class FakeBrowserWindow extends EventEmitter {
  readonly webContents: FakeWebContents;
  readonly options: Record<string, unknown>;
  #bounds: Rect;
  #visible = false;
  #focused = false;
  #maximized = false;
  #minimized = false;
  #destroyed = false;
  #title: string;

  constructor(
    private readonly runtime: WindowRuntime,
    private readonly all: Set<FakeBrowserWindow>,
    options: Record<string, unknown> = {},
  ) {
    super();
    if (!runtime.app.isReady()) throw new Error('Cannot create BrowserWindow before app is ready');
    this.options = options;
    const width = Number(options.width ?? 800);
    const height = Number(options.height ?? 600);
    const area = runtime.workArea;
    this.#bounds = {
      x: Number(options.x ?? area.x + Math.round((area.width - width) / 2)),
      y: Number(options.y ?? area.y + Math.round((area.height - height) / 2)),
      width,
      height,
    };
    this.#title = String(options.title ?? runtime.app.getName());
    this.webContents = new FakeWebContents(runtime, { ...(options.webPreferences as object) });
    this.#visible = options.show !== false;
    all.add(this);
    runtime.app.emit('web-contents-created', preventable(), this.webContents);
    runtime.app.emit('browser-window-created', preventable(), this);
  }

  async loadURL(url: string): Promise<void> {
    await this.webContents.loadURL(url);
    this.emit('ready-to-show');
  }

  show(): void {
    this.#visible = true;
    this.#focused = true;
    this.emit('show');
  }
  hide(): void {
    this.#visible = false;
  }
  isVisible(): boolean {
    return this.#visible;
  }
  focus(): void {
    this.#focused = true;
    this.emit('focus');
  }
  isFocused(): boolean {
    return this.#focused;
  }
  maximize(): void {
    this.#maximized = true;
    this.emit('maximize');
  }
  unmaximize(): void {
    this.#maximized = false;
  }
  isMaximized(): boolean {
    return this.#maximized;
  }
  minimize(): void {
    this.#minimized = true;
    this.emit('minimize');
  }
  isMinimized(): boolean {
    return this.#minimized;
  }
  restore(): void {
    this.#minimized = false;
    this.emit('restore');
  }
  getBounds(): Rect {
    return { ...this.#bounds };
  }
  getNormalBounds(): Rect {
    return { ...this.#bounds };
  }
  setBounds(bounds: Partial<Rect>): void {
    this.#bounds = { ...this.#bounds, ...bounds };
  }
  getTitle(): string {
    return this.#title;
  }
  setTitle(title: string): void {
    this.#title = title;
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }

  /** Closes like a user would: 'close' may be prevented; then 'closed'. Returns whether it closed. */
  close(): boolean {
    if (this.#destroyed) return true;
    const event = preventable();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroy();
    return true;
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.all.delete(this);
    this.webContents.destroy();
    this.emit('closed');
    if (this.all.size === 0) this.runtime.app.lastWindowClosed();
  }

  /** Whether the window has focus (for `getFocusedWindow`). */
  get focused(): boolean {
    return this.#focused;
  }
}

/** Builds the BrowserWindow class bound to one fake runtime. */
export function createBrowserWindowClass(runtime: WindowRuntime): FakeBrowserWindowClass {
  const all = new Set<FakeBrowserWindow>();
  runtime.app.windows = {
    closeAll: () => [...all].every((w) => w.close()),
    destroyAll: () => [...all].forEach((w) => w.destroy()),
  };
  return class BrowserWindow extends FakeBrowserWindow {
    static getAllWindows(): FakeBrowserWindow[] {
      return [...all];
    }

    static getFocusedWindow(): FakeBrowserWindow | null {
      return [...all].find((w) => w.focused) ?? null;
    }

    static fromWebContents(contents: unknown): FakeBrowserWindow | null {
      return [...all].find((w) => w.webContents === contents) ?? null;
    }

    constructor(options: Record<string, unknown> = {}) {
      super(runtime, all, options);
    }
  };
}
