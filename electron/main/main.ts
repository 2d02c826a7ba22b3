/** Electron main process entry. The shell (window, protocol, IPC) is wired in by the Electron shell work. */
import { app } from 'electron';

void app.whenReady().then(() => {
  console.log('GP Job Admin: main process started');
});
