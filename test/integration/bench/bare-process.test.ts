/**
 * The bare loop's process dying mid-run (a crash, a signal) fails the benchmark's next pass with a plain
 * error, not an uncaught one past its finally blocks, and close() after it resolves at once.
 */
import { describe, expect, it } from 'vitest';
import { openBareProcess } from '../../bench/bare-process';

describe('openBareProcess', () => {
  it('rejects the passes asked after its process was killed, and closes', async () => {
    const bare = await openBareProcess([], 1);
    await bare.kill('SIGKILL');
    await expect(bare.delete([], 1)).rejects.toThrow("the bare loop's process exited (SIGKILL)");
    await expect(bare.list([], 1)).rejects.toThrow("the bare loop's process exited (SIGKILL)");
    await expect(bare.close()).resolves.toBeUndefined();
  });

  it('answers a pass and closes while its process runs', async () => {
    const bare = await openBareProcess([], 1);
    await expect(bare.list([], 1)).resolves.toBeDefined();
    await expect(bare.close()).resolves.toBeUndefined();
    await expect(bare.delete([], 1)).rejects.toThrow(/the bare loop's process exited \(0\)/);
  });
});
