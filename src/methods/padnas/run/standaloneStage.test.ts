import { describe, expect, it } from 'vitest';
import { testText } from './standaloneStage';

describe('testText', () => {
  it('gives the accuracy, or says there is no test split (a hosted run: NaN from an empty split) instead of "NaN%"', () => {
    expect(testText(0.97125)).toBe('test accuracy 97.13%');
    expect(testText(0.5, 'stand-alone test')).toBe('stand-alone test 50.00%');
    expect(testText(Number.NaN, 'stand-alone test')).toBe('no test split');
  });
});
