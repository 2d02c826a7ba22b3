/**
 * The job grid's own view state (scroll position, viewport height, focused row) and its DOM event handlers,
 * kept out of the component so it stays a template. Decisions come from the pure grid-interaction and
 * virtual-window modules; this class applies them.
 */
import { flushSync } from 'svelte';
import { gridKey, resolveFocus, rowClick, type GridFocus, type GridUpdate } from './grid-interaction';
import type { Selection } from './job-selection';
import type { JobRows } from './job-rows';
import { jobKey, type Job } from './job-types';
import { copyText } from '../clipboard';
import { scrollToReveal, virtualWindow, visibleRange, type RowWindow } from './virtual-window';

/** What the grid reads from its component's props (getters, so it follows prop changes). */
export interface JobGridProps {
  rows: () => JobRows;
  selection: () => Selection;
  rowHeight: () => number;
  overscan: () => number;
  onselectionchange: (next: Selection) => void;
  onopen: (job: Job) => void;
  /** A row's context menu was asked for, at these viewport coordinates. */
  onmenu: (job: Job, x: number, y: number) => void;
}

/** Scroll, focus and input handling of one job grid. */
export class JobGrid {
  readonly #p: JobGridProps;
  /** The scrolling element (bound by the component). */
  scroller: HTMLElement | undefined = undefined;
  scrollTop = $state(0);
  clientHeight = $state(0);
  focus = $state.raw<GridFocus | null>(null);
  /** The job id last copied from a row (its button shows a tick), and what the live region says. */
  copied = $state<string | null>(null);

  /** Height available to rows: the viewport minus the sticky header (one row high). */
  bodyHeight = $derived.by(() => Math.max(0, this.clientHeight - this.#p.rowHeight()));
  /** The rows to render. */
  win = $derived.by((): RowWindow =>
    virtualWindow({
      scrollTop: this.scrollTop,
      viewportHeight: this.bodyHeight,
      rowHeight: this.#p.rowHeight(),
      total: this.#p.rows().length,
      overscan: this.#p.overscan(),
    }),
  );
  /** The rows in view (no overscan): what the header checkbox covers. */
  inView = $derived.by((): readonly Job[] => {
    const rows = this.#p.rows();
    const { scrollTop, bodyHeight: viewportHeight } = this;
    const r = visibleRange({ scrollTop, viewportHeight, rowHeight: this.#p.rowHeight(), total: rows.length });
    return rows.slice(r.first, r.last);
  });
  /** Index of the focused row in the current rows, -1 for none. */
  focusIndex = $derived.by(() => resolveFocus(this.#p.rows(), this.focus));

  constructor(props: JobGridProps) {
    this.#p = props;
  }

  /** Click anywhere in the grid: finds the row (and whether its checkbox) through data-index. */
  onclick = (e: MouseEvent): void => {
    const target = e.target as HTMLElement;
    const copy = target.closest<HTMLElement>('[data-copy]')?.dataset.copy;
    if (copy !== undefined) {
      void copyText(copy).then((ok) => (this.copied = ok ? copy : null));
      // Not left on the button: once its row leaves by a scroll, its element shows another job (row
      // elements are reused, row-slots.ts), where a key would act on that other job.
      this.scroller?.focus({ preventScroll: true });
      return;
    }
    const index = Number(target.closest<HTMLElement>('[data-index]')?.dataset.index);
    if (!Number.isInteger(index)) return;
    const checkbox = target instanceof HTMLInputElement && target.type === 'checkbox';
    const update = rowClick(this.#p.rows(), this.#p.selection(), index, checkbox ? 'checkbox' : 'row', e);
    // The browser already flipped the box; make it show the selection's answer.
    if (checkbox && update.focus && update.selection) {
      target.checked = update.selection.keys.has(update.focus.key);
    }
    // Keys go to the grid, not to the checkbox the click may have focused.
    this.scroller?.focus({ preventScroll: true });
    this.#apply(update);
  };

  /** Right click on a row: focus it and open its menu (the selection stays as it is). */
  oncontextmenu = (e: MouseEvent): void => {
    const index = Number((e.target as HTMLElement).closest<HTMLElement>('[data-index]')?.dataset.index);
    const job = index >= 0 ? this.#p.rows().at(index) : undefined;
    if (!job) return;
    e.preventDefault();
    this.focus = { key: jobKey(job), hint: index };
    this.#p.onmenu(job, e.clientX, e.clientY);
  };

  /** Keys on the grid itself (not on a header button). */
  onkeydown = (e: KeyboardEvent): void => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
      this.#menuOnFocused(e);
      return;
    }
    const pageRows = Math.floor(this.bodyHeight / this.#p.rowHeight());
    const update = gridKey(this.#p.rows(), this.#p.selection(), this.focusIndex, e, pageRows);
    if (update) e.preventDefault();
    if (update) this.#apply(update);
  };

  /**
   * The Menu key or Shift+F10: the focused row's menu, under the row. A row scrolled out of the rendered
   * window has no element to anchor to, so it is brought into view and rendered first.
   */
  #menuOnFocused(e: KeyboardEvent): void {
    const index = this.focusIndex;
    const job = index >= 0 ? this.#p.rows().at(index) : undefined;
    if (!job || !this.scroller) return;
    e.preventDefault();
    this.#apply({ reveal: index });
    flushSync();
    const row = this.scroller.querySelector<HTMLElement>(`[data-index="${index}"]`);
    const box = (row ?? this.scroller).getBoundingClientRect();
    this.#p.onmenu(job, box.left + 48, row ? box.bottom : box.top + this.#p.rowHeight());
  }

  /** Shift-clicks select rows, not text. */
  onmousedown = (e: MouseEvent): void => {
    if (e.shiftKey) e.preventDefault();
  };

  onscroll = (e: Event): void => {
    this.scrollTop = (e.currentTarget as HTMLElement).scrollTop;
  };

  #apply(update: GridUpdate): void {
    if (update.focus) this.focus = update.focus;
    if (update.reveal !== undefined && this.scroller) {
      const h = this.#p.rowHeight();
      const top = scrollToReveal(update.reveal, this.scroller.scrollTop, this.clientHeight, h, h);
      if (top !== null) {
        this.scroller.scrollTop = top;
        // The window follows now, not at the next frame's scroll event: until then a row outside the old
        // window would have no element, and aria-activedescendant would name none (the value read back is
        // the scroller's, clamped to its range).
        this.scrollTop = this.scroller.scrollTop;
      }
    }
    if (update.selection) this.#p.onselectionchange(update.selection);
    if (update.open) this.#p.onopen(update.open);
  }
}
