/** The core the Chromium path serves: the same `createAppCore` Electron's main process calls. */
export { createAppCore, type AppCore, type AppCoreOptions } from '../../../electron/main/app-core';
