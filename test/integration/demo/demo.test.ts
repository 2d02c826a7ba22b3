/**
 * `npm run demo` as the README describes it: three seeded simulators (one production, one federated), a demo
 * profile set, the workspace served to a browser (`gpjobs ui`) over them, and the equivalent `gpjobs`
 * commands, each of which must work against the demo servers.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');

function runDemoSelfTest(extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'build/demo.ts', '--self-test'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, GPJOBS_KEYCHAIN_SERVICE: undefined, ...extraEnv },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    );
  });
}

describe('npm run demo', () => {
  it('serves three demo servers and every printed gpjobs command works against them', async () => {
    const { code, output } = await runDemoSelfTest();
    expect(output).toMatch(/Development\s+https:\/\/127\.0\.0\.1:\d+\/arcgis\s+2500 jobs/);
    expect(output).toMatch(
      /Staging \(federated\)\s+https:\/\/127\.0\.0\.1:\d+\/arcgis\s+3500 jobs \(federated\)/,
    );
    expect(output).toMatch(/Production\s+https:\/\/127\.0\.0\.1:\d+\/arcgis\s+6000 jobs \(production\)/);
    expect(output).toContain(
      'node dist/cli/gpjobs.cjs jobs delete --server Development --status failed --dry-run',
    );
    expect(output).toMatch(/\$ gpjobs servers test Production\s+-> exit 0/);
    expect(output).toMatch(/\$ gpjobs jobs cancel .* -> exit 0[\s\S]*cancelled \d+/);
    expect(output).toMatch(/\$ web workspace \(gpjobs ui\)\s+-> ok/);
    expect(output).toContain('profiles.list -> Development, Staging (federated), Production');
    expect(output).toContain('jobs.list Production -> 6000 jobs');
    expect(output).toContain('demo self-test: every command succeeded');
    expect(code).toBe(0);
  });

  it('without a keychain, the printed commands on all three servers still work (the credentials file)', async () => {
    // A headless machine without a Secret Service: GPJOBS_PASSWORD would serve one server only.
    const { code, output } = await runDemoSelfTest({
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
      DISPLAY: undefined,
      WAYLAND_DISPLAY: undefined,
    });
    expect(output).toMatch(/no keychain here: gpjobs reads \S+credentials\)/);
    expect(output).not.toContain('GPJOBS_PASSWORD=');
    expect(output).toMatch(/\$ gpjobs jobs list --status failed --older-than 7d\s+-> exit 0/);
    expect(output).toContain('demo self-test: every command succeeded');
    expect(code).toBe(0);
  });
});
