/**
 * `gpjobs servers show NAME` reads the server's jobs directory and says how long finished jobs are kept,
 * or warns that the server never removes them.
 */
import { describe, expect, it } from 'vitest';
import { addSim, sandbox, simulator } from '../cli/helpers';

describe('gpjobs servers show', () => {
  it("states the server's job retention, and warns when cleaning is off", async () => {
    const cli = await sandbox();
    const [kept, never] = await Promise.all([
      simulator({
        jobs: 5,
        retention: { cleanupMode: 'TIME_ELAPSED_SINCE_LAST_MODIFIED', maxFileAgeMinutes: 360 },
      }),
      simulator({ jobs: 5 }),
    ]);
    await addSim(cli, kept, 'Kept');
    await addSim(cli, never, 'Never');
    const shown = await cli.run(['servers', 'show', 'kept']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Retention:    Finished jobs are kept 6 h by the server.');
    expect(shown.stdout).toContain(
      'arcgisjobs: cleanup TIME_ELAPSED_SINCE_LAST_MODIFIED, max file age 360 min',
    );
    const warned = await cli.run(['servers', 'show', 'Never', '--format', 'json']);
    expect(JSON.parse(warned.stdout).retention).toMatchObject({
      name: 'arcgisjobs',
      cleanupMode: 'NONE',
      warning: true,
      line: expect.stringContaining('Jobs are never removed by the server'),
    });
  });
});
