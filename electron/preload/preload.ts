/**
 * The preload: the only place that touches ipcRenderer. Exposes the contract's API, and nothing else, as
 * `window.gpjobs` through the context bridge. Listeners get the payload only, never the IpcRendererEvent
 * (whose `sender` would hand the page a generic IPC object).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcName } from '../shared/contract';
import { buildApi } from './api';

contextBridge.exposeInMainWorld(
  'gpjobs',
  buildApi({
    invoke: (channel, payload) => ipcRenderer.invoke(ipcName(channel), payload),
    subscribe: (channel, listener) => {
      const name = ipcName(channel);
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(name, forward);
      return () => {
        ipcRenderer.removeListener(name, forward);
      };
    },
  }),
);
