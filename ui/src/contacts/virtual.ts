// Window math for the virtualised contact list: which rows are on screen for a
// scroll position, and which fixed-size pages hold them.

export type Range = { start: number; end: number }; // end is exclusive

export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, total: number, overscan = 8): Range {
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop);
  const first = Math.floor(top / rowHeight);
  const visibleCount = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(total - 1, first) - overscan);
  const end = Math.min(total, first + visibleCount + overscan);
  return { start, end: Math.max(start, end) };
}

/** Page indexes (offset = page * pageSize) covering rows [start, end). */
export function pagesFor(range: Range, pageSize: number): number[] {
  if (range.end <= range.start || pageSize <= 0) return [];
  const first = Math.floor(range.start / pageSize);
  const last = Math.floor((range.end - 1) / pageSize);
  const pages: number[] = [];
  for (let p = first; p <= last; p++) pages.push(p);
  return pages;
}

/** The height of the spacer that gives the scrollbar its full size. */
export function spacerHeight(total: number, rowHeight: number): number {
  return Math.max(0, total) * rowHeight;
}
