/**
 * Reading the audit log back, streaming line by line so a log of millions of lines never sits in memory.
 * Lines that do not parse (the torn last line of a killed process) are skipped and counted, never fatal.
 * A run with a start but no end was interrupted: its jobs without a result are reported as unfinished.
 */
import { createReadStream } from 'node:fs';
import { checkRecord } from './record-check';
import { emptyCounts } from './records';
import type { AuditJobRecord, AuditPlannedJob, AuditRecord } from './records';
import type { AuditRunInfo } from './run-info';

export type { AuditRunInfo };

/** A run's results, plus what it never finished. */
export interface AuditRunResults {
  run: AuditRunInfo;
  /** One per job with a result, in the order they finished. */
  results: AuditJobRecord[];
  /** Planned jobs without a result (interrupted runs), in plan order. */
  unfinished: AuditPlannedJob[];
  /** Of `unfinished`, those whose request may have been sent (see `AuditRunInfo.inFlight`). */
  inFlight: AuditPlannedJob[];
}

/** What a pass over the file found besides records. */
export interface ReadStats {
  /** Lines skipped because they did not parse or had fields of the wrong type. */
  unreadableLines: number;
}

const key = (j: { profileId: string; service: string; jobId: string }): string =>
  `${j.profileId}\u0000${j.service}\u0000${j.jobId}`;

function parse(line: string): AuditRecord | null {
  if (line.trim() === '') return null;
  try {
    return checkRecord(JSON.parse(line));
  } catch {
    return null;
  }
}

/**
 * The file's lines in batches, read in 1 MB chunks (a batch per chunk: far cheaper than an event per line,
 * and memory stays one chunk however big the file). CR before LF is dropped. A missing file has none.
 */
async function* lineBatches(file: string): AsyncGenerator<string[]> {
  const input = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    let rest = '';
    for await (const chunk of input as AsyncIterable<string>) {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      yield lines;
    }
    if (rest) yield [rest];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  } finally {
    input.destroy();
  }
}

/** Every readable record of the file, in order; a missing file has none. */
export async function* readAuditRecords(
  file: string,
  stats: ReadStats = { unreadableLines: 0 },
  skipLine?: (line: string) => boolean,
): AsyncGenerator<AuditRecord> {
  for await (const lines of lineBatches(file)) {
    const records: AuditRecord[] = [];
    for (const raw of lines) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (skipLine?.(line)) continue;
      const record = parse(line);
      if (record) records.push(record);
      else if (line.trim() !== '') stats.unreadableLines++;
    }
    yield* records;
  }
}

interface RunState {
  info: AuditRunInfo;
  started: Set<string>;
}

/** A run's summary as its `run-start` line describes it: nothing done yet, interrupted until it ends. */
export function runInfoFromStart(rec: Extract<AuditRecord, { type: 'run-start' }>): AuditRunInfo {
  const info: AuditRunInfo = {
    runId: rec.runId,
    action: rec.action,
    startedAt: rec.time,
    endedAt: null,
    osUser: rec.osUser,
    profiles: rec.profiles,
    servers: rec.profiles.map((p) => p.name),
    total: rec.total,
    counts: emptyCounts(),
    done: 0,
    aborted: false,
    interrupted: true,
    inFlight: 0,
  };
  if (rec.retryOf) info.retryOf = rec.retryOf;
  if (typeof rec.policy === 'string') info.policy = rec.policy;
  return info;
}

function startRun(rec: Extract<AuditRecord, { type: 'run-start' }>): RunState {
  return { info: runInfoFromStart(rec), started: new Set() };
}

/** Applies one record to `runs`; returns the run it belonged to. */
function apply(runs: Map<string, RunState>, rec: AuditRecord): RunState | undefined {
  if (rec.type === 'run-start') {
    const state = startRun(rec);
    runs.set(rec.runId, state);
    return state;
  }
  const state = runs.get(rec.runId);
  if (!state) return undefined;
  if (rec.type === 'job-start') state.started.add(key(rec));
  else if (rec.type === 'job') {
    state.started.delete(key(rec));
    if (rec.outcome in state.info.counts) state.info.counts[rec.outcome]++;
    state.info.done++;
  } else if (rec.type === 'run-end') {
    state.info.endedAt = rec.time;
    state.info.aborted = rec.aborted;
    state.info.interrupted = false;
    if (rec.abortReason) state.info.abortReason = rec.abortReason;
  } else if (rec.type === 'run-ack') {
    state.info.acknowledged = { time: rec.time, osUser: rec.osUser };
  }
  return state;
}

function finish(state: RunState): AuditRunInfo {
  state.info.inFlight = state.info.interrupted ? state.started.size : 0;
  return state.info;
}

/** Every run in the file, in the order they started, each with its counts and whether it was interrupted. */
export async function readRuns(file: string, stats?: ReadStats): Promise<AuditRunInfo[]> {
  const runs = new Map<string, RunState>();
  for await (const rec of readAuditRecords(file, stats)) apply(runs, rec);
  return [...runs.values()].map(finish);
}

/** Our writer's lines that only matter for a run that never ended (its plan and write-ahead lines). */
const PLAN_OR_START = (line: string): boolean =>
  line.startsWith('{"type":"job-start"') || line.startsWith('{"type":"run-plan"');

/**
 * One run's results and unfinished jobs, or null when the file has no such run. `ended`: the caller knows
 * the run ended, so every planned job has its result and the plan and write-ahead lines need no parsing.
 */
export async function readRunResults(
  file: string,
  runId: string,
  stats?: ReadStats,
  ended = false,
): Promise<AuditRunResults | null> {
  const runs = new Map<string, RunState>();
  const results = new Map<string, AuditJobRecord>();
  const planned = new Map<string, AuditPlannedJob>();
  const skip = ended ? PLAN_OR_START : undefined;
  for await (const rec of readAuditRecords(file, stats, skip)) {
    if (rec.runId !== runId) continue;
    apply(runs, rec);
    if (rec.type === 'run-plan') for (const job of rec.jobs) planned.set(key(job), job);
    else if (rec.type === 'job') results.set(key(rec), rec);
  }
  const state = runs.get(runId);
  if (!state) return null;
  const unfinished = [...planned.entries()].filter(([k]) => !results.has(k)).map(([, job]) => job);
  const inFlight = state.info.interrupted ? unfinished.filter((job) => state.started.has(key(job))) : [];
  return { run: finish(state), results: [...results.values()], unfinished, inFlight };
}
