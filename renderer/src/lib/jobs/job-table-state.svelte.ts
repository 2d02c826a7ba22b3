/**
 * The job table's view state shared by the table, chips, overview and toolbar (CONTRIBUTING.md rule 11): filter,
 * sort and selection, with the visible rows and counts derived from them. The jobs, results and server
 * names stay owned by whoever loads them (the workspace) and are read through getters, so reactivity flows
 * from there. All the work is in the pure modules next to this file; this class only wires them to runes.
 */
import { describeChips, removeChip, type FilterChip } from './job-chips';
import {
  compileFilter,
  emptyFilter,
  focusFilter,
  isFilterEmpty,
  loadFilter,
  saveFilter,
  usesClock,
  type FilterState,
  type FilterStorage,
} from './job-filter';
import { GrowingRows } from './growing-rows';
import { filterRows, type JobRows } from './job-rows';
import { StatusTally, type ServerCounts } from './job-overview';
import { GrowingLateValue } from './late-value';
import { filterOptions, type FilterOptions } from '../filter-options';
import {
  EMPTY_SELECTION,
  indexJobs,
  selectAllMatching,
  selectedJobs,
  summarizeSelection,
  type Selection,
  type SelectionSummary,
} from './job-selection';
import { DEFAULT_SORT, nextSort, type SortColumn, type SortContext, type SortState } from './job-sort';
import { jobKey, type Job, type JobKey, type RowResult } from './job-types';
import { planContext, type PlanContext } from '../plan-context';
import { defaultLayout, loadLayout, saveLayout, visibleColumns, type ColumnLayout } from './column-layout';

/** Where the table's data comes from: getters, read inside deriveds so changes propagate. */
export interface JobTableSource {
  jobs: () => readonly Job[];
  /**
   * The previous `jobs()` array when the current one extends it by appending only (a listing streaming
   * in), else null: the table then sorts, filters and counts only the new jobs.
   */
  grownFrom?: () => readonly Job[] | null;
  /** Rows shown for reference only (finished jobs): never counted in the overview nor selected by "all matching". */
  finished?: () => ReadonlyMap<JobKey, Job>;
  results: () => ReadonlyMap<JobKey, RowResult>;
  profileNames: () => ReadonlyMap<string, string>;
  /** Profile ids in sidebar order, so the overview lists servers the same way. */
  profileOrder?: () => readonly string[];
  /**
   * The reference time for ages and running durations. Prefer the time of the last refresh over a ticking
   * clock: every change re-sorts by duration and re-applies an age filter over all rows.
   */
  now: () => number;
}

/** Where the filter (under `key`) and the column layout (under `key.columns`) persist; omit for the session only. */
export interface JobTablePersistence {
  storage: FilterStorage;
  key: string;
}

/** Whether the menus of `options` already offer every value of `more`. */
function offersAll(options: FilterOptions, more: FilterOptions): boolean {
  return (Object.keys(more) as (keyof FilterOptions)[]).every((field) =>
    more[field].every((v) => options[field].includes(v)),
  );
}

const NO_SELECTION: SelectionSummary = { selected: 0, hidden: 0, cancellable: 0 };

/** Below this many jobs the summaries are computed with the rows; above, after the rows have painted. */
const EAGER_SUMMARY_JOBS = 5_000;

/** Filter, sort and selection of the job table, and everything derived from them. */
export class JobTableState {
  filter = $state.raw<FilterState>(emptyFilter());
  sort = $state.raw<SortState>(DEFAULT_SORT);
  selection = $state.raw<Selection>(EMPTY_SELECTION);
  /** Column order, visibility and widths. */
  layout = $state.raw<ColumnLayout>(defaultLayout());
  /** The shown columns, in order, with their widths. */
  columns = $derived(visibleColumns(this.layout));

  /**
   * Every loaded job in the current sort order (re-sorted only when the jobs or the sort change; jobs
   * appended to the list are merged in, see growing-rows).
   */
  sorted = $derived.by(() =>
    this.#rows.sorted(this.#source.jobs(), this.#grownFrom(), this.sort, this.#sortContext),
  );
  /** The table's rows: the sorted jobs the filters let through (typing a filter never re-sorts). */
  rows = $derived.by((): JobRows => {
    const f = this.filter;
    return this.#rows.filtered(this.sorted, f, usesClock(f) ? this.#source.now() : 0);
  });
  /** The rows "select all matching" selects: all but the finished rows shown for reference. */
  selectable = $derived.by((): JobRows => {
    const finished = this.#source.finished?.();
    return finished?.size ? filterRows(this.rows, (j) => !finished.has(jobKey(j))) : this.rows;
  });
  /** The active filters as chips. */
  chips = $derived.by((): FilterChip[] => describeChips(this.filter, this.#source.profileNames()));
  /**
   * "N selected (M hidden by filters)" and how many selected jobs can be cancelled. Whether the filters
   * hide a selected job is read from the row index's mask for the rows (one byte per job), not by running
   * the job filter per selected job.
   */
  summary = $derived.by((): SelectionSummary => {
    if (!this.selection.keys.size) return NO_SELECTION;
    const { jobs, map } = this.#index;
    return summarizeSelection(this.selection, jobs, map, this.#shown(jobs));
  });
  /**
   * Job counts by status per server and service, of all loaded jobs (the filters do not apply). Computed
   * after the rows have painted (see late-value), so a big list's first rows never wait for it.
   */
  overview = $derived.by((): ServerCounts[] => {
    void this.#summaryVersion;
    const order = this.#source.profileOrder?.() ?? [];
    return this.#overview.get(this.#working, this.#workingGrownFrom()).counts(order);
  });
  /** The values each filter menu offers, from the loaded jobs; like the overview, after the rows. */
  options = $derived.by((): FilterOptions => {
    void this.#summaryVersion;
    return this.#options.get(this.#working, this.#workingGrownFrom());
  });

  /** The jobs without the finished rows shown for reference. */
  #working = $derived.by((): readonly Job[] => {
    const finished = this.#source.finished?.();
    const jobs = this.#source.jobs();
    return finished?.size ? jobs.filter((j) => !finished.has(jobKey(j))) : jobs;
  });
  /** The list `#working` extends by appending, when it is the source's list and that only grew. */
  #workingGrownFrom = (): readonly Job[] | null =>
    this.#working === this.#source.jobs() ? this.#grownFrom() : null;
  /** Bumped when a late summary is ready, so the deriveds above read it. */
  #summaryVersion = $state(0);
  // A streamed batch is counted into the overview at once; any other change recounts after the paint.
  readonly #overview = new GrowingLateValue<Job, StatusTally>({
    compute: (jobs) => new StatusTally().plus(jobs, 0),
    grow: (tally, jobs, from) => tally.plus(jobs, from),
    initial: new StatusTally(),
    eagerBelow: EAGER_SUMMARY_JOBS,
    onReady: () => this.#summaryVersion++,
  });
  // A batch that brings no new value keeps the menus; one that does has them recomputed after the paint.
  readonly #options = new GrowingLateValue<Job, FilterOptions>({
    compute: filterOptions,
    grow: (options, jobs, from) => (offersAll(options, filterOptions(jobs.slice(from))) ? options : null),
    initial: filterOptions([]),
    eagerBelow: EAGER_SUMMARY_JOBS,
    onReady: () => this.#summaryVersion++,
  });
  // Lazy: only computed when a non-empty selection asks for its counts; a streamed batch is added to it.
  #index = $derived.by((): { jobs: readonly Job[]; map: Map<JobKey, number> } => {
    const jobs = this.#source.jobs();
    const grown = this.#grownFrom();
    const last = this.#lastIndex;
    // Mutated in place: the old list's index is not read again once the list has grown.
    const map =
      last && grown && grown === last.jobs ? indexJobs(jobs, grown.length, last.map) : indexJobs(jobs);
    return (this.#lastIndex = { jobs, map });
  });
  #lastIndex: { jobs: readonly Job[]; map: Map<JobKey, number> } | null = null;
  readonly #rows = new GrowingRows();
  #grownFrom = (): readonly Job[] | null => this.#source.grownFrom?.() ?? null;

  readonly #source: JobTableSource;
  readonly #persistence: JobTablePersistence | null;
  readonly #sortContext: SortContext;

  constructor(source: JobTableSource, persistence: JobTablePersistence | null = null) {
    this.#source = source;
    this.#persistence = persistence;
    // Getters, so a sort reads (and depends on) names, results or the clock only for the column that uses them.
    this.#sortContext = {
      get profileNames() {
        return source.profileNames();
      },
      get results() {
        return source.results();
      },
      get now() {
        return source.now();
      },
    };
    if (persistence) {
      this.filter = loadFilter(persistence.storage, persistence.key);
      this.layout = loadLayout(persistence.storage, `${persistence.key}.columns`);
    }
  }

  /** Replaces the column layout and persists it. */
  setLayout(next: ColumnLayout): void {
    this.layout = next;
    if (this.#persistence) saveLayout(this.#persistence.storage, `${this.#persistence.key}.columns`, next);
  }

  /** Replaces the filter and persists it. */
  setFilter(next: FilterState): void {
    this.filter = next;
    if (this.#persistence) saveFilter(this.#persistence.storage, this.#persistence.key, next);
  }

  /** Removes one chip's filter. */
  removeChip(chip: FilterChip): void {
    this.setFilter(removeChip(this.filter, chip.remove));
  }

  /** Removes every filter. */
  clearFilters(): void {
    this.setFilter(emptyFilter());
  }

  /** Narrows to one server (and status or service), as an overview click asks. */
  focus(target: { profileId: string; status?: string; service?: string }): void {
    this.setFilter(focusFilter(this.filter, target));
  }

  /** A header click: the same column flips direction, another starts ascending. */
  sortBy(column: SortColumn): void {
    this.sort = nextSort(this.sort, column);
  }

  /** Adopts a selection computed by the table. */
  select(next: Selection): void {
    this.selection = next;
  }

  /** Selects every row matching the filters, rendered or not. */
  selectAllMatching(): void {
    this.selection = selectAllMatching(this.selection, this.selectable);
  }

  /** Deselects everything. */
  clearSelection(): void {
    this.selection = EMPTY_SELECTION;
  }

  /** The selected jobs that are still loaded (hidden ones included), for a bulk plan. */
  selectedJobs(): Job[] {
    return selectedJobs(this.selection, this.#source.jobs());
  }

  /**
   * Which of these jobs the filters hide, and each group's oldest and newest, for the confirmation. A
   * loaded job is looked up in the selection summary's row mask (no key string per visible row); a plan of
   * jobs without a selection (one job's action) or a job no longer loaded asks the job filter itself.
   */
  contextOf(jobs: readonly Job[]): PlanContext {
    const f = this.filter;
    if (isFilterEmpty(f)) return planContext(jobs, null);
    const matches = compileFilter(f, usesClock(f) ? this.#source.now() : 0);
    if (!this.selection.keys.size) return planContext(jobs, matches);
    const { jobs: list, map } = this.#index;
    const shown = this.#shown(list, matches)!; // the filter is not empty here, so never null
    return planContext(jobs, (j) => {
      const row = map.get(jobKey(j));
      return row === undefined ? matches(j) : shown(list[row]!, row);
    });
  }

  /**
   * Whether the filters let a row of `jobs` (the source's list) through, by its job and its index there:
   * the row index's mask when it has one, else `fallback` (the caller's compiled filter, so it is not
   * compiled twice) or the job filter; null when no filter is active.
   */
  #shown(
    jobs: readonly Job[],
    fallback?: (job: Job) => boolean,
  ): ((job: Job, row: number) => boolean) | null {
    const f = this.filter;
    if (isFilterEmpty(f)) return null;
    // The rows first: their sort makes the row index follow this list.
    void this.rows;
    const now = usesClock(f) ? this.#source.now() : 0;
    const mask = this.#rows.mask(jobs, f, now);
    return mask ? (_j, row) => mask[row] === 1 : (fallback ?? compileFilter(f, now));
  }
}
