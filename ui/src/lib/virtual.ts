// Virtual scrolling for long tables: which rows to put in the DOM for a scroll position, and the
// spacer heights that stand in for the rest, so a 5,000-row chain keeps a few dozen rows live.
// Rows have one fixed height (set in CSS); pure, so it is tested without a layout engine.

export interface Slice {
  /** First row rendered. */
  start: number;
  /** One past the last row rendered. */
  end: number;
  /** Height of the spacer above the rendered rows, px. */
  before: number;
  /** Height of the spacer below them, px. */
  after: number;
}

/** Without a measured viewport (not laid out yet), render this much. */
const UNMEASURED_VIEWPORT = 800;

/** Rows visible at `scrollTop` in a `viewport` px tall scroller, plus `overscan` on each side. */
export function slice(scrollTop: number, viewport: number, rowHeight: number, total: number, overscan = 8): Slice {
  const height = viewport > 0 ? viewport : UNMEASURED_VIEWPORT;
  const first = Math.min(Math.max(0, Math.floor(scrollTop / rowHeight) - overscan), Math.max(0, total - 1));
  const end = Math.min(total, first + Math.ceil(height / rowHeight) + 2 * overscan);
  const start = total === 0 ? 0 : first;
  return { start, end, before: start * rowHeight, after: Math.max(0, total - end) * rowHeight };
}

/** The scroll position that puts row `index` in the middle of the viewport. */
export function centreOn(index: number, viewport: number, rowHeight: number): number {
  return Math.max(0, index * rowHeight - (viewport - rowHeight) / 2);
}
