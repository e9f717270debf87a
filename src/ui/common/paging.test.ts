import { describe, expect, it } from 'vitest';
import { pageOf } from './paging';

const rows = Array.from({ length: 23 }, (_, i) => i);

describe('pageOf', () => {
  it('slices a page and numbers its rows from 1', () => {
    expect(pageOf(rows, 0, 10)).toEqual({ rows: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], page: 0, pages: 3, first: 1, last: 10 });
    expect(pageOf(rows, 2, 10)).toMatchObject({ rows: [20, 21, 22], page: 2, first: 21, last: 23 });
  });

  it('clamps a page past the end (a filter or a delete shrank the list) and before the start', () => {
    expect(pageOf(rows, 9, 10)).toMatchObject({ page: 2, first: 21 });
    expect(pageOf(rows.slice(0, 5), 2, 10)).toMatchObject({ page: 0, pages: 1, rows: [0, 1, 2, 3, 4] });
    expect(pageOf(rows, -1, 10).page).toBe(0);
  });

  it('shows everything on one page for size 0, and an empty list as one empty page', () => {
    expect(pageOf(rows, 3, 0)).toMatchObject({ page: 0, pages: 1, first: 1, last: 23 });
    expect(pageOf([], 0, 10)).toEqual({ rows: [], page: 0, pages: 1, first: 0, last: 0 });
  });
});
