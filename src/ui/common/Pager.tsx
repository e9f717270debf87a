import type { Page } from './paging';

/** Page sizes offered; 0 is "all". */
export const PAGE_SIZES = [25, 50, 100, 0] as const;

/** "Rows 26–50 of 312", Previous / Next and the page size, under a long table. */
export function Pager({ page, total, size, what, onPage, onSize }: { page: Page<unknown>; total: number; size: number; what: string; onPage: (p: number) => void; onSize: (s: number) => void }) {
  return (
    <nav className="pager" aria-label={`Pages of ${what}`}>
      <span data-testid="pager-range">
        {what[0].toUpperCase() + what.slice(1)} {page.first}–{page.last} of {total}
      </span>
      <button type="button" disabled={page.page === 0} onClick={() => onPage(page.page - 1)}>
        ‹ Previous
      </button>
      <span className="muted small">
        page {page.page + 1} of {page.pages}
      </span>
      <button type="button" disabled={page.page >= page.pages - 1} onClick={() => onPage(page.page + 1)}>
        Next ›
      </button>
      <label className="small">
        per page{' '}
        <select value={size} onChange={(e) => onSize(Number(e.target.value))}>
          {PAGE_SIZES.map((s) => (
            <option key={s} value={s}>
              {s === 0 ? 'all' : s}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
