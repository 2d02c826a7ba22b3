/**
 * Whether a process on this machine is still alive: a lock, a temporary file or an audit run whose writer
 * is alive must be left alone. Signal 0 checks without signalling; EPERM means alive, owned by someone else.
 */
export function processAlive(pid: number): boolean {
  try {
    return pid > 0 && process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
