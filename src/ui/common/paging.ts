/** Paging of a long list: which rows a page shows, clamped so that a shrinking list never leaves an empty page. */

export interface Page<T> {
  rows: T[];
  /** 0-based page shown (clamped to the last page). */
  page: number;
  pages: number;
  /** 1-based number of the first and last row shown, 0 and 0 for an empty list. */
  first: number;
  last: number;
}

/** Page `page` (0-based) of `rows` at `size` rows per page; `size` 0 or less shows every row on one page. */
export function pageOf<T>(rows: readonly T[], page: number, size: number): Page<T> {
  const per = size > 0 ? size : Math.max(1, rows.length);
  const pages = Math.max(1, Math.ceil(rows.length / per));
  const p = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  const from = p * per;
  const shown = rows.slice(from, from + per);
  return { rows: shown, page: p, pages, first: shown.length ? from + 1 : 0, last: from + shown.length };
}
