import { describe, expect, it } from 'vitest';
import { deleteRunsQuestion } from './deleteQuestion';

describe('deleteRunsQuestion', () => {
  it('names one run', () => {
    expect(deleteRunsQuestion(['my run'])).toBe('Delete the saved run "my run" and its weights from this browser? This cannot be undone; export it first to keep a copy.');
  });

  it('names up to three runs, then counts the rest', () => {
    expect(deleteRunsQuestion(['a', 'b'])).toBe('Delete 2 saved runs ("a", "b") and their weights from this browser? This cannot be undone; export them first to keep a copy.');
    expect(deleteRunsQuestion(['a', 'b', 'c', 'd', 'e'])).toMatch(/^Delete 5 saved runs \("a", "b", "c" and 2 more\) and their weights/);
  });
});
