/**
 * The core the Chromium path bridges to: the same `createAppCore` Electron's main process calls.
 * (Points at the temporary stand-in until electron/main/handlers.ts exists.)
 */
export { createAppCore, type AppCore, type AppCoreOptions } from '../stand-in-core';
