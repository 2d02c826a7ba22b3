/** The core the Chromium path bridges to: the same `createAppCore` Electron's main process calls. */
export { createAppCore, type AppCore, type AppCoreOptions } from '../../../electron/main/handlers';
