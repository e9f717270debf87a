import { describe, expect, it } from 'vitest';
import { VisibilityLog } from './visibility';

describe('VisibilityLog', () => {
  it('visible from the start: every sample is kept', () => {
    const v = new VisibilityLog();
    expect(v.isVisibleSince(0)).toBe(true);
  });
  it('a sample that started before a hide is discarded, and so is one while hidden', () => {
    const v = new VisibilityLog();
    v.set(false, 1000);
    expect(v.isVisibleSince(900)).toBe(false);
    expect(v.isVisibleSince(1100)).toBe(false); // still hidden
  });
  it('after coming back, samples started after the change are kept; ones spanning it are not', () => {
    const v = new VisibilityLog();
    v.set(false, 1000);
    v.set(true, 2000);
    expect(v.isVisibleSince(1500)).toBe(false);
    expect(v.isVisibleSince(2001)).toBe(true);
  });
  it('a repeated state is not a change', () => {
    const v = new VisibilityLog();
    v.set(true, 5000);
    expect(v.isVisibleSince(10)).toBe(true);
  });
});
