/**
 * A benchmark process that exits while its simulators run (an interrupted run, a part's child stopped by
 * its parent) takes them with it: they run detached in their own process group, so nothing else would.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const SIM_FLEET = pathToFileURL(path.resolve(import.meta.dirname, '..', '..', 'bench', 'sim-fleet.ts')).href;

/** Whether `pid` still runs (a zombie waiting to be reaped has died). */
function running(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]![0] !== 'Z';
  } catch {
    return false;
  }
}

/** Waits until `pid` has died, or `ms` have passed; whether it died. */
async function died(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (running(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
  return !running(pid);
}

describe('startFleet', () => {
  it('kills its simulator processes when the process that started them exits', async () => {
    const script =
      `const { startFleet } = await import(${JSON.stringify(SIM_FLEET)});` +
      `const fleet = await startFleet({ servers: 2, jobs: 20, services: 1, latencyMs: 0, capacity: 2, sitesPerProcess: 1 });` +
      `console.log(JSON.stringify(fleet.sims.map((s) => s.child.pid))); process.exit(0);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let [out, err] = ['', ''];
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect(code, err).toBe(0);
    const pids = JSON.parse(out.trim()) as number[];
    expect(pids).toHaveLength(2);
    try {
      for (const pid of pids) expect(await died(pid, 5000), `simulator ${pid} still runs`).toBe(true);
    } finally {
      for (const pid of pids) if (running(pid)) process.kill(-pid, 'SIGKILL');
    }
  }, 60_000);
});
