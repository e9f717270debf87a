import { describe, expect, it } from 'vitest';
import { estimateText, perStepMs } from './methodEstimate';

describe('the time a preset takes here', () => {
  it('leaves the compile-heavy first step out', () => {
    expect(perStepMs([5000, 5200, 5400])).toBe(200);
    expect(perStepMs([300])).toBe(300);
    expect(Number.isNaN(perStepMs([]))).toBe(true);
  });
  it('rounds to what an estimate can claim', () => {
    expect(estimateText({ perStepMs: 700, totalSteps: 3000 })).toBe('≈ 35 min here');
    expect(estimateText({ perStepMs: 10, totalSteps: 3000 })).toBe('≈ 30 s here');
    expect(estimateText({ perStepMs: 1, totalSteps: 100 })).toBe('≈ 1 s here');
    expect(estimateText({ perStepMs: 2000, totalSteps: 3690 })).toBe('≈ 2 h 3 min here');
    expect(estimateText({ perStepMs: Number.NaN, totalSteps: 10 })).toBe('');
  });
});
