/** The preload: the only place that touches ipcRenderer. Exposes the typed contract API on window. */
export {};
