/**
 * The benchmark runs end to end (tiny sizes, `--smoke`): simulators in child processes, bulk delete,
 * listing, the memory child, the summary table and the JSON line that ends the output. The figures of a
 * smoke run prove nothing about speed; `npm run bench` measures.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HEADLINE_KEYS, headlineJson } from '../../bench/report';
import type { Headline } from '../../bench/report';

const REPO = path.resolve(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'gpjobs-bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The figures measured in Chromium: the table's and the fleet's table. */
const TABLE_KEYS = HEADLINE_KEYS.filter(
  (k) => k.startsWith('table_') || k.startsWith('fleet_table_') || k === 'fleet_renderer_heap_mb_1m',
);

/** The figures issues 8 and 18 name; the JSON line must hold every one of them. */
const ISSUE_KEYS = (
  'bulk_efficiency bulk_speedup_vs_sequential bulk_vs_bare_ratio bulk_cpu_vs_bare_ratio ' +
  'list_speedup_vs_paged10 list_vs_bare_ratio peak_rss_mb_100k fleet_list_vs_bare_ratio ' +
  'fleet_peak_rss_mb_1m fleet_table_first_rows_ms_1m fleet_table_longest_task_ms_scroll_1m ' +
  'fleet_table_filter_ms_1m fleet_table_sort_ms_1m fleet_renderer_heap_mb_1m fleet_bulk_vs_bare_ratio_100k'
).split(' ');

/** Runs the benchmark with `args`; resolves with its exit code and output once it exits. */
function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/run.ts', ...args], { cwd: REPO });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

function lastJsonLine(stdout: string): Record<string, unknown> {
  const last = stdout.trimEnd().split('\n').at(-1) ?? '';
  return JSON.parse(last) as Record<string, unknown>;
}

describe('npm run bench -- --smoke', () => {
  it('ends with one JSON line of exactly the headline keys, finite figures, the table noted as skipped', async () => {
    const out = path.join(dir, 'smoke.json');
    const { code, stdout, stderr } = await runBench(['--smoke', '--out', out]);
    expect(code, stderr).toBe(0);
    const line = lastJsonLine(stdout);
    expect(Object.keys(line)).toEqual([...HEADLINE_KEYS]);
    // Every figure the issues ask for is a key of the line (so none can drop out of HEADLINE_KEYS unseen).
    expect(Object.keys(line)).toEqual(expect.arrayContaining(ISSUE_KEYS));
    for (const key of HEADLINE_KEYS) {
      if (TABLE_KEYS.includes(key)) expect(line[key], key).toBeNull();
      else expect(Number.isFinite(line[key]), `${key} = ${String(line[key])}`).toBe(true);
    }
    expect(stdout).toMatch(/note: Table skipped in smoke mode/);
    expect(stdout).toMatch(/bulk_efficiency\s+[\d.]+\s+>= 0\.9\s+(pass|miss)/);
    const saved = JSON.parse(readFileSync(out, 'utf8')) as {
      headline: Headline;
      bulk: unknown;
      list: unknown;
      audit: unknown;
      fleet: unknown;
    };
    expect(JSON.parse(headlineJson(saved.headline))).toEqual(line);
    expect(saved.bulk).toMatchObject({ deleted: 300, failed: 0, leftOnServers: 0 });
    // Every figure is a median of samples, the baselines too: 30 jobs one at a time in three samples of 10,
    // the pages of ten once per server; the runs column gives the app's runs / the baseline's samples.
    expect(saved.bulk).toMatchObject({
      sequential: { jobs: 30, failed: 0, samples: [{ jobs: 10 }, { jobs: 10 }, { jobs: 10 }] },
    });
    expect((saved.list as { baseline: { samples: unknown[] } }).baseline.samples).toHaveLength(3);
    expect(stdout).toMatch(/bulk_speedup_vs_sequential\s+[\d.]+\s+>= 20\s+(pass|miss)\s+1\/3\s/);
    expect(stdout).toMatch(/list_speedup_vs_paged10\s+[\d.]+\s+>= 50\s+(pass|miss)\s+1\/3\s/);
    // Each part ran in a child process of its own (the table is skipped in smoke mode).
    for (const part of ['bulk', 'list', 'memory', 'fleet', 'audit'])
      expect(stderr).toContain(`[bench] ${part}: in a child process of its own`);
    expect(stderr).not.toContain('[bench] table: in a child process of its own');
    // The bare loop deleted as many other jobs with plain undici requests, all confirmed.
    expect(saved.bulk).toMatchObject({ bare: { runs: [{ requests: 300, failed: 0, jobs: 300 }] } });
    expect(saved.list).toMatchObject({ jobs: 3000, bare: { runs: [{ jobs: 3000, failed: 0 }] } });
    expect(stdout).toMatch(/bulk_cpu_vs_bare_ratio\s+[\d.]+\s+<= 1\.1\s+(pass|miss)/);
    // Each pair's ratios are computed once, where the pairs are made, and printed saying which way they run.
    expect(saved.bulk).toMatchObject({
      bare: { pairs: [{ time: expect.any(Number), cpu: expect.any(Number), idleMs: expect.any(Object) }] },
    });
    expect(saved.list).toMatchObject({ bare: { pairs: [expect.any(Number)] } });
    expect(stdout).toMatch(
      /bulk pairs, time bare\/engine, CPU engine\/bare \(µs per job\/request, s idle before each leg\) \(in order, the engine first in each\): [\d.]+ time, [\d.]+ CPU \([\d.]+\/[\d.]+ µs, idle [\d.?]+\/[\d.?]+ s\)/,
    );
    // The listing's and the fleet's pairs run on the equal-idle schedule (pairs.ts, shrunk in smoke): the log
    // gives each part's spell, every leg of either side waited at least that, and the summary prints it.
    const spell = (part: string) => {
      const m = new RegExp(`\\[bench\\] ${part}: every leg after ([\\d.]+) s idle`).exec(stderr);
      expect(m, part).not.toBeNull();
      return Number(m![1]) * 1000;
    };
    type Idles = Array<{ app: number | null; bare: number | null }>;
    const waited = (idles: Idles, least: number) => {
      expect(idles).toHaveLength(1);
      for (const ms of [idles[0]!.app, idles[0]!.bare]) expect(ms).toBeGreaterThanOrEqual(least - 10);
    };
    const idled = saved as unknown as {
      list: { bare: { idleMs: Idles } };
      fleet: { list: { idleMs: Idles }; bulk: { idleMs: Idles } };
    };
    waited(idled.list.bare.idleMs, spell('list'));
    waited(idled.fleet.list.idleMs, spell('fleet list'));
    waited(idled.fleet.bulk.idleMs, spell('fleet bulk'));
    // A pair's two spells differ by more than 50 ms exactly when its log line marks it unequal (pairs.ts
    // idleLine): smoke's margins are a tenth, so at load its one pair may outgrow them, but never silently.
    const marked = (line: string, idles: Idles) => {
      const m = new RegExp(`\\[bench\\] ${line}.*after [\\d.]+ / [\\d.]+ s idle( \\(unequal)?`).exec(stderr);
      expect(m, line).not.toBeNull();
      expect(m![1] !== undefined, line).toBe(Math.abs(idles[0]!.app! - idles[0]!.bare!) > 50);
    };
    marked('list: run 1/1:', idled.list.bare.idleMs);
    marked('fleet list 1/1:', idled.fleet.list.idleMs);
    marked('fleet bulk 1/1:', idled.fleet.bulk.idleMs);
    const pairLine = (head: string, first: string) =>
      new RegExp(
        `${head} \\(s idle before each leg\\) \\(in order, the ${first} first in each\\): [\\d.]+ \\(idle [\\d.]+/[\\d.]+ s\\)`,
      );
    expect(stdout).toMatch(pairLine('listing pairs, bare/app time', 'app'));
    expect(stdout).toMatch(pairLine('fleet listing pairs, bare/service time', 'service'));
    expect(stdout).toMatch(pairLine('fleet bulk pairs, bare/engine time', 'engine'));
    // The audit figures come from a real log of 20 runs (2,000 job lines) written through the run sink.
    expect(saved.audit).toMatchObject({ runs: 20, jobLines: 2000 });
    expect(stdout).toMatch(/audit_history_ms_1000_runs\s+[\d.]+\s+<= 200\s+(pass|miss)/);
    // The fleet: four sites in two simulator processes, listed through the service and by the bare loop,
    // held by a child process, and 400 jobs deleted by the engine and 400 others by the bare loop.
    expect(saved.fleet).toMatchObject({
      servers: 4,
      processes: 2,
      jobs: 4000,
      list: { bare: [{ jobs: 4000, failed: 0 }] },
      memory: { runs: [{ jobs: 4000 }] },
      bulk: { runs: [{ deleted: 400, failed: 0 }], bare: [{ requests: 400, failed: 0 }] },
    });
    expect(stdout).toMatch(
      /fleet_bulk_vs_bare_ratio_100k\s+[\d.]+\s+>= 0\.9\s+(pass|miss)\s+1\s+[\d.]+-[\d.]+/,
    );
  }, 240_000);

  it("measures the table of the built app in Chromium when asked (--smoke --table), the fleet's too", async () => {
    const out = path.join(dir, 'table.json');
    const args = ['--smoke', '--table', '--only', 'table,fleet', '--out', out];
    const { code, stdout, stderr } = await runBench(args);
    expect(code, stderr).toBe(0);
    const line = lastJsonLine(stdout);
    for (const key of TABLE_KEYS)
      expect(Number.isFinite(line[key]), `${key} = ${String(line[key])}`).toBe(true);
    const saved = JSON.parse(readFileSync(out, 'utf8')) as {
      table: { small: { jobs: number }; large: { jobs: number; runs: Array<{ filteredRows: number }> } };
      fleet: { table: { jobs: number; heapMb: number } };
    };
    expect(saved.table.small.jobs).toBe(300);
    expect(saved.table.large.jobs).toBe(3000);
    expect(saved.table.large.runs[0]!.filteredRows).toBeGreaterThan(0);
    expect(saved.fleet.table.jobs).toBe(4000);
    expect(saved.fleet.table.heapMb).toBeGreaterThan(0);
  }, 240_000);
});
