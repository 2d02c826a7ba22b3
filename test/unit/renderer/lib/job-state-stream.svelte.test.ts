// JobState's assembly of streamed listings: `jobs.list` with a listingId answers only how many batches it
// sent, the batches come as `jobs.page` events, in any order relative to the answer. Time and animation
// frames are driven by the test (a manual clock), so nothing here sleeps.
import { describe, expect, it } from 'vitest';
import { JobState } from '../../../../renderer/src/lib/job-state.svelte';
import { LOST_BATCH_MS, type ListingClock } from '../../../../renderer/src/lib/listing-stream';
import { t } from '../../../../renderer/src/lib/strings';
import type { Job } from '../../../../renderer/src/lib/contract-types';
import type { Result, ServerJobsView } from '../../../../electron/shared/views';
import { toColumns } from '../../../../electron/shared/job-columns';
import { deferred, fail, fakeApi, listing, ok } from './fake-api';
import { job } from './jobs/make-jobs';

/** A clock whose frames and time move only when the test says. */
function manualClock() {
  let now = 0;
  let frames: (() => void)[] = [];
  const timers = new Set<{ at: number; callback: () => void }>();
  const clock: ListingClock = {
    frame: (callback) => void frames.push(callback),
    after: (ms, callback) => {
      const timer = { at: now + ms, callback };
      timers.add(timer);
      return () => void timers.delete(timer);
    },
    now: () => now,
  };
  return {
    clock,
    /** Runs the callbacks queued for the next frame. */
    frame() {
      const due = frames;
      frames = [];
      for (const callback of due) callback();
    },
    advance(ms: number) {
      now += ms;
      for (const timer of [...timers]) {
        if (timer.at > now) continue;
        timers.delete(timer);
        timer.callback();
      }
    },
  };
}

/** Lets every promise callback already due run (no timer of the app's: its clock is the manual one). */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

const rows = (profileId: string, from: number, n: number): Job[] =>
  Array.from({ length: n }, (_, i) => job({ profileId, jobId: `${profileId}${from + i}` }));
const ids = (jobs: readonly Job[]) => jobs.map((j) => j.jobId);
const streamed = (profileId: string, jobs: number, batches: number): Result<ServerJobsView> =>
  ok({ ...listing(profileId, []), streamed: { jobs, batches } });

/** A job state whose listings the test answers one by one; `pages` pushes batches of the latest listing. */
function setup(shown: string[] = ['a', 'b']) {
  const fake = fakeApi();
  const answers: ReturnType<typeof deferred<Result<ServerJobsView>>>[] = [];
  fake.answer('jobs.list', () => {
    const answer = deferred<Result<ServerJobsView>>();
    answers.push(answer);
    return answer.promise;
  });
  const time = manualClock();
  const state = new JobState(fake.api, () => shown, time.clock);
  const listingOf = (profileId: string, nth = -1) =>
    fake
      .payloads('jobs.list')
      .filter((p) => p.profileId === profileId)
      .at(nth)!.listingId!;
  const page = (profileId: string, batch: number, jobs: Job[], listingId = listingOf(profileId)) =>
    fake.emit('jobs.page', { listingId, profileId, batch, columns: toColumns(jobs) });
  return { fake, state, time, answers, listingOf, page };
}

describe('JobState streamed listings', () => {
  it("shows a first load's rows as batches arrive, each frame's rows an append to the last array", async () => {
    const { state, time, answers, page } = setup();
    const done = state.refresh(['a']);
    const empty = state.tableJobs;
    const reference = state.refreshedAt;
    page('a', 0, rows('a', 0, 3));
    // An empty table shows the first batch at once; the progress count waits for the frame.
    expect(ids(state.tableJobs)).toEqual(['a0', 'a1', 'a2']);
    expect(state.tableJobsGrownFrom).toBe(empty);
    time.frame();
    expect(state.load('a')).toMatchObject({ loading: true, progress: 3 });
    // The table's reference time does not move with the progress count (it would re-sort every row).
    expect(state.refreshedAt).toBe(reference);
    const first = state.tableJobs;
    page('a', 1, rows('a', 3, 2));
    expect(state.tableJobs).toBe(first); // later batches wait for a frame
    time.frame();
    expect(ids(state.tableJobs)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
    expect(state.tableJobsGrownFrom).toBe(first);
    const second = state.tableJobs;
    answers[0]!.resolve(streamed('a', 5, 2));
    await done;
    expect(state.tableJobs).toBe(second); // nothing was waiting: the complete list is the one shown
    expect(state.load('a')).toMatchObject({ loading: false, error: null, progress: null });
    expect(state.load('a').loadedAt).toBeTypeOf('number');
  });

  it('completes when the answer arrives before its batches, and only once all of them are there', async () => {
    const { state, answers, page } = setup();
    let finished = false;
    const done = state.refresh(['a']).then(() => (finished = true));
    answers[0]!.resolve(streamed('a', 3, 2));
    await settled();
    page('a', 1, rows('a', 2, 1)); // out of order too
    await settled();
    expect(finished).toBe(false);
    expect(state.load('a').loading).toBe(true);
    page('a', 0, rows('a', 0, 2));
    await done;
    expect(ids(state.jobs).sort()).toEqual(['a0', 'a1', 'a2']);
    expect(state.load('a').loading).toBe(false);
  });

  it('applies rows less often as the table grows: a small batch waits until it is a quarter or a second old', async () => {
    const { state, time, answers, page } = setup();
    const done = state.refresh(['a']);
    page('a', 0, rows('a', 0, 1000));
    time.frame();
    expect(state.jobs).toHaveLength(1000);
    page('a', 1, rows('a', 1000, 10));
    time.frame();
    time.frame();
    expect(state.jobs).toHaveLength(1000);
    expect(state.load('a').progress).toBe(1010); // the count still moves every frame
    page('a', 2, rows('a', 1010, 240));
    time.frame();
    expect(state.jobs).toHaveLength(1250); // 250 waiting: a quarter of 1000
    page('a', 3, rows('a', 1250, 10));
    time.advance(1000);
    time.frame();
    expect(state.jobs).toHaveLength(1260);
    answers[0]!.resolve(streamed('a', 1260, 4));
    await done;
  });

  it("keeps a refreshed server's rows until the new list is whole, then swaps them in one step", async () => {
    const { state, time, answers, page } = setup();
    const first = state.refresh(['a']);
    answers[0]!.resolve(ok(listing('a', rows('a', 0, 2))));
    await first;
    const old = state.tableJobs;
    const second = state.refresh(['a']);
    page('a', 0, rows('a', 10, 3));
    time.frame();
    expect(state.tableJobs).toBe(old);
    expect(state.load('a')).toMatchObject({ loading: true, progress: 3 });
    answers[1]!.resolve(streamed('a', 3, 1));
    await second;
    expect(ids(state.tableJobs)).toEqual(['a10', 'a11', 'a12']);
    expect(state.tableJobsGrownFrom).toBeNull();
  });

  it("drops an older listing's batches once a newer refresh of the server started", async () => {
    const { state, time, answers, page, listingOf } = setup();
    const older = state.refresh(['a']);
    const olderId = listingOf('a');
    const newer = state.refresh(['a']);
    page('a', 0, rows('a', 0, 2), olderId);
    page('a', 0, rows('a', 50, 1));
    time.frame();
    expect(ids(state.jobs)).toEqual(['a50']);
    answers[0]!.resolve(streamed('a', 2, 1));
    answers[1]!.resolve(streamed('a', 1, 1));
    await Promise.all([older, newer]);
    expect(ids(state.jobs)).toEqual(['a50']);
    expect(state.load('a')).toMatchObject({ loading: false, error: null });
  });

  it('ignores a batch delivered twice', async () => {
    const { state, answers, page } = setup();
    const done = state.refresh(['a']);
    page('a', 0, rows('a', 0, 2));
    page('a', 0, rows('a', 0, 2));
    answers[0]!.resolve(streamed('a', 2, 1));
    await done;
    expect(ids(state.jobs)).toEqual(['a0', 'a1']);
  });

  it('turns a lost batch into an error on the server and lists it again, never a short table', async () => {
    const { fake, state, time, answers, page } = setup();
    const done = state.refresh(['a']);
    page('a', 0, rows('a', 0, 2));
    time.frame();
    answers[0]!.resolve(streamed('a', 3, 2)); // batch 1 never comes
    await settled();
    time.advance(LOST_BATCH_MS);
    await settled();
    expect(state.load('a').error?.message).toBe(t.errors.lostBatches(1));
    expect(state.jobs).toEqual([]); // the partial rows are not left as if they were the list
    await settled();
    expect(fake.payloads('jobs.list')).toHaveLength(2);
    answers[1]!.resolve(ok(listing('a', rows('a', 0, 3))));
    await done;
    expect(ids(state.jobs)).toEqual(['a0', 'a1', 'a2']);
    expect(state.load('a')).toMatchObject({ loading: false, error: null });
  });

  it('keeps the error and the last loaded rows when the re-list loses batches too', async () => {
    const { fake, state, time, answers } = setup();
    const first = state.refresh(['a']);
    answers[0]!.resolve(ok(listing('a', rows('a', 0, 1))));
    await first;
    const done = state.refresh(['a']);
    for (const n of [1, 2]) {
      await settled();
      answers[n]!.resolve(streamed('a', 1, 1));
      await settled();
      await settled();
      time.advance(LOST_BATCH_MS);
      await settled();
    }
    await done;
    expect(fake.payloads('jobs.list')).toHaveLength(3);
    expect(state.load('a').error?.message).toBe(t.errors.lostBatches(1));
    expect(ids(state.jobs)).toEqual(['a0']);
  });

  it("removes a first load's partial rows when its listing fails, and says why", async () => {
    const { state, time, answers, page } = setup();
    const done = state.refresh(['a', 'b']);
    page('a', 0, rows('a', 0, 2));
    page('b', 0, rows('b', 0, 1));
    time.frame();
    expect(state.jobs).toHaveLength(3);
    answers[0]!.resolve(fail('network', 'The server went away'));
    answers[1]!.resolve(streamed('b', 1, 1));
    await done;
    expect(ids(state.jobs)).toEqual(['b0']);
    expect(state.load('a')).toMatchObject({ loading: false, progress: null });
    expect(state.load('a').error?.message).toBe('The server went away');
  });

  it('appends the batches of several servers streaming at once to one array', async () => {
    const { state, time, answers, page } = setup();
    const done = state.refresh(['a', 'b']);
    page('b', 0, rows('b', 0, 2));
    time.frame();
    const before = state.tableJobs;
    page('a', 0, rows('a', 0, 2));
    page('b', 1, rows('b', 2, 1));
    time.frame();
    expect(state.tableJobsGrownFrom).toBe(before);
    expect(state.tableJobs.slice(0, 2)).toEqual(before);
    expect(ids(state.tableJobs).sort()).toEqual(['a0', 'a1', 'b0', 'b1', 'b2']);
    answers[0]!.resolve(streamed('a', 2, 1));
    answers[1]!.resolve(streamed('b', 3, 2));
    await done;
    expect(state.jobs).toHaveLength(5);
  });
});
