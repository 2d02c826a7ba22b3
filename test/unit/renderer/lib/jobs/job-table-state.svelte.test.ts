import { describe, expect, it } from 'vitest';
import { JobTableState } from '../../../../../renderer/src/lib/jobs/job-table-state.svelte';
import { emptyFilter, DAY_MS } from '../../../../../renderer/src/lib/jobs/job-filter';
import type { JobRows } from '../../../../../renderer/src/lib/jobs/job-rows';
import { jobKey, type Job, type JobKey } from '../../../../../renderer/src/lib/jobs/job-types';
import { Box } from '../reactive-box.svelte';
import { memoryStorage } from '../fake-api';
import { job, manyJobs } from './make-jobs';
import { streamingTable as streamingTableAt } from './streaming-table';

const NOW = 1_700_000_000_000;
const old = job({
  jobId: 'old',
  submittedTime: NOW - 10 * DAY_MS,
  username: 'alice',
  status: 'esriJobFailed',
});
const mid = job({ jobId: 'mid', submittedTime: NOW - 2 * DAY_MS, username: 'bob' });
const recent = job({ profileId: 'p2', jobId: 'new', submittedTime: NOW - 1000, username: 'Alice' });

function setup(jobs: Job[] = [old, mid, recent], finished: Job[] = []) {
  const source = {
    jobs: new Box<readonly Job[]>(jobs),
    finished: new Box<ReadonlyMap<JobKey, Job>>(new Map(finished.map((j) => [jobKey(j), j]))),
  };
  const table = new JobTableState({
    jobs: () => source.jobs.value,
    finished: () => source.finished.value,
    results: () => new Map(),
    profileNames: () =>
      new Map([
        ['p1', 'One'],
        ['p2', 'Two'],
      ]),
    profileOrder: () => ['p2', 'p1'],
    now: () => NOW,
  });
  return { source, table };
}

const ids = (rows: JobRows): string[] => rows.slice().map((j) => j.jobId);

const streamingTable = (initial: readonly Job[] = []) => streamingTableAt(NOW, initial);

describe('JobTableState', () => {
  it('sorts newest first, flips on a second header click, and follows the loaded jobs', () => {
    const { source, table } = setup();
    expect(ids(table.rows)).toEqual(['new', 'mid', 'old']);
    table.sortBy('submitted');
    expect(ids(table.rows)).toEqual(['old', 'mid', 'new']);
    source.jobs.value = [mid, old];
    expect(ids(table.rows)).toEqual(['old', 'mid']);
  });

  it('filters rows and describes the filters as chips that remove them', () => {
    const { table } = setup();
    table.setFilter({ ...emptyFilter(), users: ['alice'], profileIds: ['p2'] });
    expect(ids(table.rows)).toEqual(['new']); // user matching ignores case
    expect(table.chips.map((c) => c.label).join(' ')).toContain('Two');
    const server = table.chips.find((c) => c.label.includes('Two'))!;
    table.removeChip(server);
    expect(ids(table.rows)).toEqual(['new', 'old']);
    table.clearFilters();
    expect(table.rows).toHaveLength(3);
    expect(table.chips).toEqual([]);
  });

  it('filters by age against the reference time', () => {
    const { table } = setup();
    table.setFilter({ ...emptyFilter(), olderThanMs: 7 * DAY_MS });
    expect(ids(table.rows)).toEqual(['old']);
  });

  it('narrows to a server and status from the overview, which counts every loaded job in sidebar order', () => {
    const { table } = setup();
    expect(table.overview.map((s) => s.profileId)).toEqual(['p2', 'p1']);
    table.focus({ profileId: 'p1', status: 'esriJobFailed' });
    expect(ids(table.rows)).toEqual(['old']);
    expect(table.overview.map((s) => s.profileId)).toEqual(['p2', 'p1']); // the overview ignores filters
  });

  it('selects all matching rows but never the finished ones, and counts the hidden selected', () => {
    const gone = job({ jobId: 'gone', submittedTime: NOW });
    const { table } = setup([old, mid, recent, gone], [gone]);
    table.selectAllMatching();
    expect(table.summary.selected).toBe(3);
    expect(ids(table.selectedJobs()).sort()).toEqual(['mid', 'new', 'old']);
    table.setFilter({ ...emptyFilter(), text: 'mid' });
    expect(table.summary).toMatchObject({ selected: 3, hidden: 2 });
    const context = table.contextOf(table.selectedJobs());
    expect(ids(context.hidden).sort()).toEqual(['new', 'old']);
    table.clearSelection();
    expect(table.summary.selected).toBe(0);
  });

  it('gives the confirmation the planned jobs the filters hide, with or without a selection, loaded or not', () => {
    const gone = job({ jobId: 'gone', submittedTime: NOW, username: 'carol' });
    const { source, table } = setup([old, mid, recent, gone], [gone]);
    const hiddenOf = (jobs: Job[]) => ids(table.contextOf(jobs).hidden);
    // No filter: nothing hidden, whatever the plan holds.
    expect(hiddenOf([old, mid, recent, gone])).toEqual([]);
    table.setFilter({ ...emptyFilter(), users: ['ALICE'] });
    // One job's action with nothing selected: the filter decides.
    expect(hiddenOf([mid])).toEqual(['mid']);
    expect(hiddenOf([recent])).toEqual([]);
    // A selection: the rows' mask decides, the finished row shown for reference included.
    table.select({ keys: new Set([old, mid, recent, gone].map(jobKey)), anchor: null, range: [] });
    expect(table.summary).toMatchObject({ selected: 4, hidden: 2 });
    expect(hiddenOf([old, mid, recent, gone])).toEqual(['mid', 'gone']);
    // A planned job no longer loaded is decided by the filter.
    source.jobs.value = [old, recent];
    const carol = job({ jobId: 'x', username: 'carol' });
    expect(hiddenOf([old, mid, recent, carol, job({ jobId: 'y', username: 'Alice' })])).toEqual(['mid', 'x']);
    // Text spanning lines (the row index leaves it to the filter), then an age.
    table.setFilter({ ...emptyFilter(), text: 'a\nb' });
    expect(hiddenOf([old, recent])).toEqual(['old', 'new']);
    table.setFilter({ ...emptyFilter(), olderThanMs: 7 * DAY_MS });
    expect(hiddenOf([old, recent])).toEqual(['new']);
  });

  it('drops selected jobs that are no longer loaded from the plan', () => {
    const { source, table } = setup();
    table.selectAllMatching();
    source.jobs.value = [old];
    expect(ids(table.selectedJobs())).toEqual(['old']);
  });

  it('remembers the filter and the column layout under its key', () => {
    const storage = memoryStorage();
    const source = {
      jobs: () => [old],
      results: () => new Map(),
      profileNames: () => new Map(),
      now: () => NOW,
    };
    const first = new JobTableState(source, { storage, key: 'jobs.filter' });
    first.setFilter({ ...emptyFilter(), text: 'old' });
    const dropped = first.columns[1]!.id;
    first.setLayout({ ...first.layout, hidden: [...first.layout.hidden, dropped] });
    expect(first.columns.map((c) => c.id)).not.toContain(dropped);
    const second = new JobTableState(source, { storage, key: 'jobs.filter' });
    expect(second.filter.text).toBe('old');
    expect(second.columns.map((c) => c.id)).toEqual(first.columns.map((c) => c.id));
  });

  it('a big list gets its rows at once and its overview and filter menus after the paint', async () => {
    const { source, table } = setup();
    const total = (): number => table.overview.reduce((n, s) => n + s.total, 0);
    expect(total()).toBe(3);
    expect(table.options.statuses).toEqual(['esriJobSucceeded', 'esriJobFailed']);
    const big = manyJobs(6_000);
    source.jobs.value = big;
    expect(table.rows).toHaveLength(6_000);
    expect(table.options.statuses).toEqual(['esriJobSucceeded', 'esriJobFailed']);
    // Still the small list's summaries: the big one is counted once the rows have painted.
    expect(total()).toBe(3);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    expect(total()).toBe(6_000);
    expect(table.options.statuses).toEqual(expect.arrayContaining([...new Set(big.map((j) => j.status))]));
  });

  it('takes rows streamed in batch by batch as if loaded at once, keeping selection and counts right', () => {
    const all = manyJobs(12_000, 9, NOW);
    const { jobs, grown, source, table } = streamingTable();
    table.sortBy('jobId');
    table.setFilter({ ...emptyFilter(), statuses: ['esriJobFailed'] });
    const total = (): number => table.overview.reduce((n, s) => n + s.total, 0);
    let picked: Job | undefined;
    for (let end = 1_000; end <= all.length; end += 1_000) {
      grown.value = jobs.value;
      jobs.value = all.slice(0, end);
      // Past 5,000 jobs a recount waits for the paint; a streamed batch is counted at once.
      expect(total()).toBe(end);
      if (end === 3_000) {
        picked = table.rows.at(5)!;
        table.select({ keys: new Set([jobKey(picked), jobKey(all[0]!)]), anchor: jobKey(picked), range: [] });
      }
      if (end > 3_000)
        expect(table.summary).toMatchObject({
          selected: 2,
          hidden: all[0]!.status === 'esriJobFailed' ? 0 : 1,
        });
    }
    const fresh = new JobTableState({ ...source, grownFrom: undefined });
    fresh.sortBy('jobId');
    fresh.setFilter(table.filter);
    expect(ids(table.rows)).toEqual(ids(fresh.rows));
    expect(table.selection.anchor).toBe(jobKey(picked!));
    table.selectAllMatching();
    expect(table.summary.selected).toBe(fresh.rows.length + (all[0]!.status === 'esriJobFailed' ? 0 : 1));
  });

  it('keeps the selection through a free-text search typed while rows stream in, and a job id sort', () => {
    const all = manyJobs(6_000, 4, NOW);
    const { jobs, grown, table } = streamingTable();
    const picked = all.slice(0, 3);
    const search = (text: string): void => table.setFilter({ ...table.filter, text });
    const matching = (text: string): string[] =>
      ids(
        streamingTable(all)
          .table.rows.slice()
          .filter((j) =>
            [j.jobId, j.service, j.username ?? '', j.machinename ?? ''].some((v) =>
              v.toLowerCase().includes(text.toLowerCase()),
            ),
          ),
      );
    for (let end = 500; end <= all.length; end += 500) {
      grown.value = jobs.value;
      jobs.value = all.slice(0, end);
      if (end === 1_000) table.select({ keys: new Set(picked.map(jobKey)), anchor: null, range: [] });
      // Typing, a letter at a time, while the batches arrive.
      if (end === 1_500) search('2');
      if (end === 2_000) search('23');
      if (end === 3_000) search('USER1');
    }
    expect(ids(table.rows)).toEqual(matching('user1'));
    table.sortBy('jobId');
    const byId = ids(table.rows);
    expect(byId).toEqual([...matching('user1')].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect([...table.selection.keys]).toEqual(picked.map(jobKey));
    expect(table.summary.selected).toBe(3);
  });

  it('keeps the filter menus through streamed batches, and adds a new value once the rows have painted', async () => {
    const all = manyJobs(8_000, 4, NOW);
    const jobs = new Box<readonly Job[]>(all.slice(0, 6_000));
    const grown = new Box<readonly Job[] | null>(null);
    const table = new JobTableState({
      jobs: () => jobs.value,
      grownFrom: () => grown.value,
      results: () => new Map(),
      profileNames: () => new Map(),
      now: () => NOW,
    });
    void table.options;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    const menus = table.options;
    expect(menus.users.length).toBeGreaterThan(10);
    grown.value = jobs.value;
    jobs.value = all.slice(0, 7_000);
    expect(table.options).toBe(menus); // nothing new: the same menus, at once
    grown.value = jobs.value;
    jobs.value = [...jobs.value, job({ jobId: 'newcomer', username: 'zelda' })];
    expect(table.options.users).not.toContain('zelda');
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    expect(table.options.users).toContain('zelda');
  });
});
