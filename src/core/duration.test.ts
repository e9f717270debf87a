import { describe, expect, it } from 'vitest';
import { duration, timeLeft } from './duration';

describe('duration', () => {
  it('says seconds, minutes and hours', () => {
    expect(duration(42_000)).toBe('42 s');
    expect(duration(185_000)).toBe('3 min 5 s');
    expect(duration(3_720_000)).toBe('1 h 2 min');
    expect(duration(Number.NaN)).toBe('–');
  });

  it('says the time left as an estimate, or as a most where the work left is only bounded', () => {
    expect(timeLeft(185_000)).toBe('about 3 min 5 s left');
    expect(timeLeft(185_000, true)).toBe('up to about 3 min 5 s left');
  });
});
