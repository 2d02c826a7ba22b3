/**
 * `gpjobs ui` as an administrator runs it (the built executable): it prints a loopback address with a key,
 * serves the same handlers as the app over it, and on Ctrl-C stops serving and ends a run in progress as the
 * CLI does (requests in flight finish, the rest is never sent, the audit log closes the run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { CLI, addSim, sandbox, simulator, type CliSandbox } from '../cli/helpers';
import { invokeOverHttp, nextEvent, request, servedAt, signIn } from './http';

interface Launched {
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

/** Starts `gpjobs ui --no-open ...` and resolves once it printed its address. */
async function launch(cli: CliSandbox, extra: string[] = []): Promise<Launched> {
  const env = Object.fromEntries(Object.entries(cli.env).filter(([, v]) => v !== undefined));
  const child = spawn(process.execPath, [CLI, 'ui', '--no-open', ...extra], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      tryResolve();
    });
    child.stderr!.on('data', () => tryResolve());
    const tryResolve = () => {
      const line = stdout.split('\n').find((l, i, all) => i < all.length - 1 && l.startsWith('http'));
      if (line && stderr.includes('Ctrl-C stops it.')) resolve(line);
    };
    child.once('close', (code) => reject(new Error(`gpjobs ui exited ${code}: ${stderr}`)));
  });
  return { child, url, stderr: () => stderr };
}

async function stop(launched: Launched): Promise<number | null> {
  launched.child.kill('SIGINT');
  const [code] = (await once(launched.child, 'close')) as [number | null];
  return code;
}

describe('gpjobs ui', () => {
  it('prints a 127.0.0.1 address with a key and serves the profiles the CLI sees', async () => {
    const sim = await simulator({ seed: 61, jobs: 20 });
    const cli = await sandbox();
    await addSim(cli, sim, 'Sim');
    const ui = await launch(cli);
    try {
      expect(ui.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?key=[\w-]{43}$/);
      expect(ui.stderr()).toContain('127.0.0.1 only');
      const served = servedAt(ui.url);
      expect((await request(served.port, {})).status).toBe(401);
      const cookie = await signIn(served);
      const listed = await invokeOverHttp(served, cookie, 'profiles.list', undefined);
      expect(listed.result).toMatchObject({
        ok: true,
        value: { profiles: [{ name: 'Sim', credential: 'keychain' }] },
      });
      expect(JSON.stringify(listed.result)).not.toContain(sim.password);
    } finally {
      expect(await stop(ui)).toBe(0);
    }
    expect(ui.stderr()).toContain('Stopped.');
  });

  it('on Ctrl-C ends a run in progress as the CLI does: in-flight requests finish, the rest is not sent', async () => {
    const sim = await simulator({ seed: 62, jobs: 80 });
    const cli = await sandbox();
    await addSim(cli, sim, 'Sim', ['--concurrency', '2']);
    sim.addFault({ kind: 'slow', delayMs: 150, match: (r) => r.path.endsWith('/delete') });
    const ui = await launch(cli);
    const served = servedAt(ui.url);
    const cookie = await signIn(served);
    const profiles = (await invokeOverHttp(served, cookie, 'profiles.list', undefined)).result as {
      value: { profiles: Array<{ id: string }> };
    };
    const profileId = profiles.value.profiles[0]!.id;
    const targets = sim.jobs().filter((j) => j.status === 'esriJobSucceeded');
    const jobs = targets.map((j) => ({ profileId, service: j.service, jobId: j.jobId, status: j.status }));
    // Ctrl-C once the first deletes are done (the event stream says so), with more in flight and queued.
    const progressed = nextEvent(
      served,
      cookie,
      (channel, payload) => channel === 'bulk.progress' && (payload as { done: number }).done > 0,
    );
    const planned = (await invokeOverHttp(served, cookie, 'bulk.plan', { action: 'delete', jobs }))
      .result as {
      value: { planId: string };
    };
    const started = await invokeOverHttp(served, cookie, 'bulk.start', { planId: planned.value.planId });
    expect(started.result).toMatchObject({ ok: true, value: { runId: expect.any(String) } });
    await progressed;
    const code = await stop(ui);

    expect(code).toBe(0);
    expect(ui.stderr()).toContain('Stopping: no new requests');
    const left = targets.filter((j) => sim.getJob(j.service, j.jobId) !== undefined);
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(targets.length);
    const runs = JSON.parse((await cli.run(['runs', 'list', '--format', 'json'])).stdout) as Array<{
      total: number;
      interrupted: boolean;
      counts: Record<string, number>;
    }>;
    expect(runs[0]).toMatchObject({ total: targets.length, interrupted: false });
    expect(runs[0]!.counts.deleted).toBe(targets.length - left.length);
  });

  it('refuses a port that is taken, and a port out of range, with exit code 2', async () => {
    const cli = await sandbox();
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const busy = await cli.run(['ui', '--no-open', '--port', String(port)]);
      expect(busy.code).toBe(2);
      expect(busy.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      taken.close();
    }
    const bad = await cli.run(['ui', '--no-open', '--port', '70000']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Use a whole number from 0 to 65535.');
  });
});
