import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Agent, fetch } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';

interface Printed {
  url: string;
  portalUrl: string | null;
  username: string;
  password: string;
  caFile: string;
}

const children: ChildProcessWithoutNullStreams[] = [];

/** Spawns the CLI and resolves with its child and the first stdout line, parsed. */
async function startCli(
  args: string[],
): Promise<{ child: ChildProcessWithoutNullStreams; printed: Printed; lines: string[] }> {
  // Its own process group: npx does not forward SIGTERM to the simulator, so the test signals the group.
  const child = spawn('npx', ['tsx', 'test/arcgis-sim/cli.ts', ...args], {
    cwd: process.cwd(),
    detached: true,
  });
  children.push(child);
  const lines: string[] = [];
  const reader = createInterface({ input: child.stdout });
  const first = new Promise<string>((resolve, reject) => {
    reader.on('line', (line) => {
      lines.push(line);
      if (lines.length === 1) resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`cli exited early with ${code}`)));
  });
  return { child, printed: JSON.parse(await first) as Printed, lines };
}

/** SIGTERMs the whole group and resolves once every process holding its stdout has exited. */
async function stop(child: ChildProcessWithoutNullStreams): Promise<void> {
  const closed = once(child.stdout, 'close');
  process.kill(-child.pid!, 'SIGTERM');
  await closed;
}

afterAll(() => {
  for (const child of children) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

describe('arcgis-sim CLI', () => {
  it('prints one JSON line, answers a token request and jobs/query over HTTPS trusting caFile, exits on SIGTERM', async () => {
    const { child, printed, lines } = await startCli(['--port', '0', '--jobs', '500', '--seed', '1']);
    expect(printed).toEqual({
      url: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+\/arcgis$/),
      portalUrl: null,
      username: 'siteadmin',
      password: expect.any(String),
      caFile: expect.any(String),
    });
    const dispatcher = new Agent({ connect: { ca: readFileSync(printed.caFile, 'utf8') } });
    const token = await fetch(`${printed.url}/tokens/generateToken`, {
      method: 'POST',
      body: new URLSearchParams({
        username: printed.username,
        password: printed.password,
        client: 'requestip',
        f: 'json',
      }),
      dispatcher,
    }).then((r) => r.json() as Promise<{ token: string; expires: number }>);
    expect(token).toMatchObject({ token: expect.any(String), expires: expect.any(Number) });
    const query = await fetch(`${printed.url}/admin/services/Tools/Buffer.GPServer/jobs/query`, {
      method: 'POST',
      body: new URLSearchParams({ token: token.token, startTime: '0', number: '5', f: 'json' }),
      dispatcher,
    }).then((r) => r.json() as Promise<{ total: number; results: Record<string, unknown> }>);
    expect(query.total).toBeGreaterThan(0);
    expect(Object.keys(query.results)).toHaveLength(5);

    const control = (path: string, init?: { method: string; body?: URLSearchParams }): Promise<unknown> =>
      fetch(`${new URL(printed.url).origin}/__sim/${path}`, { ...init, dispatcher }).then((r) => r.json());
    expect(await control('stats')).toMatchObject({ total: 2, inFlight: 0 });
    expect(await control('jobs?count=1')).toEqual({ count: 500 });
    expect(await control('requests')).toEqual({ count: 2, tokenInUrl: 0 });
    await control('faults', {
      method: 'POST',
      body: new URLSearchParams({ kind: 'http503', count: '1', path: '/rest/', retryAfter: '7' }),
    });
    const busy = await fetch(`${printed.url}/rest/info?f=json`, { dispatcher });
    expect([busy.status, busy.headers.get('retry-after')]).toEqual([503, '7']);
    await busy.body?.cancel();
    await control('reset-stats', { method: 'POST' });
    expect(await control('stats')).toEqual({ inFlight: 0, maxInFlight: 0, total: 0 });
    await dispatcher.close();

    await stop(child);
    expect(lines).toHaveLength(1);
    expect(existsSync(printed.caFile)).toBe(false);
  });

  it('runs several instances at once, over HTTP and federated on request', async () => {
    const [a, b] = await Promise.all([
      startCli(['--port', '0', '--jobs', '10', '--http', '--federated', '--services', '8']),
      startCli([
        '--port',
        '0',
        '--jobs',
        '10',
        '--latency-ms',
        '5',
        '--capacity',
        '2',
        '--context-path',
        'server',
      ]),
    ]);
    expect(b.printed.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/server$/);
    expect(a.printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/arcgis$/);
    expect(a.printed.portalUrl).toBe(`${new URL(a.printed.url).origin}/portal`);
    expect(a.printed.caFile).toBe('');
    expect(new URL(a.printed.url).port).not.toBe(new URL(b.printed.url).port);
    const info = (await fetch(`${a.printed.url}/rest/info?f=json`).then((r) => r.json())) as {
      owningSystemUrl: string;
    };
    expect(info.owningSystemUrl).toBe(a.printed.portalUrl);
    await Promise.all([stop(a.child), stop(b.child)]);
    expect(existsSync(b.printed.caFile)).toBe(false);
  });

  it('hosts several sites in one process with --sites, each its own port, password and jobs', async () => {
    const { child, lines } = await startCli(['--port', '0', '--jobs', '7', '--seed', '3', '--sites', '3']);
    while (lines.length < 3) await once(child.stdout, 'data');
    const sites = lines.map((line) => JSON.parse(line) as Printed);
    expect(new Set(sites.map((s) => new URL(s.url).port)).size).toBe(3);
    expect(new Set(sites.map((s) => s.password)).size).toBe(3);
    for (const site of sites) {
      const dispatcher = new Agent({ connect: { ca: readFileSync(site.caFile, 'utf8') } });
      const count = await fetch(`${new URL(site.url).origin}/__sim/jobs?count=1`, { dispatcher }).then((r) =>
        r.json(),
      );
      expect(count).toEqual({ count: 7 });
      await dispatcher.close();
    }
    await stop(child);
    expect(lines).toHaveLength(3);
    for (const site of sites) expect(existsSync(site.caFile)).toBe(false);
  });
});
