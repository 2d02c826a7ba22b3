/**
 * Electron's `app` for the fake: 'ready' once the main script's first turn is over, `whenReady`, the quit
 * sequence (before-quit, windows closed, will-quit, quit; each preventable where Electron's is; no
 * window-all-closed while quitting), `exit`, paths, and the single-instance lock shared by every fake app
 * in this process (keyed by the userData path), a refused second instance waking the first with
 * 'second-instance'. Nothing here ends the process: `exited` resolves with the exit code instead.
 */
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';

const lockHolders = new Map<string, FakeApp>();

/** A preventable Electron event. */
export function preventable(): { defaultPrevented: boolean; preventDefault(): void } {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** What the app needs from the windows it closes on quit. */
export interface ClosableWindows {
  /** Closes every window (each may refuse through its 'close' event); true when all closed. */
  closeAll(): boolean;
  destroyAll(): void;
}

/** Electron's app. */
export class FakeApp extends EventEmitter {
  readonly isPackaged = false;
  readonly commandLine = { appendSwitch: (): void => undefined, hasSwitch: (): boolean => false };
  /** Resolves with the exit code when the app quits or exits. */
  readonly exited: Promise<number>;
  windows: ClosableWindows | null = null;
  #ready = false;
  #quitting = false;
  #exitCode: number | null = null;
  #resolveExit!: (code: number) => void;
  #readyWaiters: Array<() => void> = [];
  #paths = new Map<string, string>();
  #name = 'GP Job Admin';

  constructor() {
    super();
    this.exited = new Promise((resolve) => (this.#resolveExit = resolve));
    const home = path.join(os.tmpdir(), 'fake-electron-home');
    this.#paths.set('home', home).set('appData', path.join(home, '.config'));
    this.#paths.set('userData', path.join(home, '.config', this.#name));
    this.#paths.set('temp', os.tmpdir());
    // Like Electron: ready comes after the main script has run its first turn.
    setImmediate(() => this.#becomeReady());
  }

  #becomeReady(): void {
    if (this.#exitCode !== null) return;
    this.#ready = true;
    this.emit('will-finish-launching');
    this.emit('ready', preventable(), {});
    for (const waiter of this.#readyWaiters.splice(0)) waiter();
  }

  isReady(): boolean {
    return this.#ready;
  }

  whenReady(): Promise<void> {
    return this.#ready ? Promise.resolve() : new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  /** The exit code once the app has ended, else null. */
  get exitCode(): number | null {
    return this.#exitCode;
  }

  getName(): string {
    return this.#name;
  }

  setName(name: string): void {
    this.#name = name;
  }

  getVersion(): string {
    return '0.0.0-fake';
  }

  getPath(name: string): string {
    const value = this.#paths.get(name);
    if (!value) throw new Error(`Failed to get '${name}' path`);
    return value;
  }

  setPath(name: string, value: string): void {
    if (!path.isAbsolute(value)) throw new Error(`Path must be absolute: ${value}`);
    this.#paths.set(name, value);
  }

  requestSingleInstanceLock(additionalData: Record<string, unknown> = {}): boolean {
    const key = this.getPath('userData');
    const holder = lockHolders.get(key);
    if (holder && holder !== this && holder.#exitCode === null) {
      process.nextTick(() =>
        holder.emit('second-instance', preventable(), [...process.argv], process.cwd(), additionalData),
      );
      return false;
    }
    lockHolders.set(key, this);
    return true;
  }

  hasSingleInstanceLock(): boolean {
    return lockHolders.get(this.getPath('userData')) === this;
  }

  releaseSingleInstanceLock(): void {
    for (const [key, holder] of lockHolders) if (holder === this) lockHolders.delete(key);
  }

  /** Electron's quit: windows close first, each step may be prevented, then 'quit' and the end. */
  quit(): void {
    if (this.#exitCode !== null) return;
    if (!this.#ready) return this.#end(0);
    const beforeQuit = preventable();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    this.#quitting = true;
    if (this.windows && !this.windows.closeAll()) {
      this.#quitting = false;
      return;
    }
    const willQuit = preventable();
    this.emit('will-quit', willQuit);
    this.#quitting = false;
    if (willQuit.defaultPrevented) return;
    this.emit('quit', preventable(), 0);
    this.#end(0);
  }

  /** Ends at once: no events, windows destroyed. */
  exit(code = 0): void {
    if (this.#exitCode !== null) return;
    this.windows?.destroyAll();
    this.#end(code);
  }

  /** Called by the windows when the last one has closed (not while quitting). */
  lastWindowClosed(): void {
    if (this.#quitting || this.#exitCode !== null) return;
    if (this.listenerCount('window-all-closed') > 0) this.emit('window-all-closed');
    else this.quit();
  }

  #end(code: number): void {
    this.#exitCode = code;
    this.releaseSingleInstanceLock();
    this.#resolveExit(code);
  }
}
