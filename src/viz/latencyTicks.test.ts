import * as d3 from 'd3';
import { describe, expect, it } from 'vitest';
import { readableTick } from './latencyCharts';

describe('readableTick: log axes in plain digits', () => {
  it('writes 100, not 1e+2', () => {
    expect(readableTick(100)).toBe('100');
    expect(readableTick(1000)).toBe('1,000');
    expect(readableTick(20_000)).toBe('20,000');
    expect(readableTick(0.05)).toBe('0.05');
    expect(readableTick(0.001)).toBe('0.001');
    expect(readableTick(2.5)).toBe('2.5');
    expect(readableTick(1)).toBe('1');
  });
  it('no tick label of a log scale over 0.01…100 000 uses exponent notation', () => {
    const x = d3.scaleLog().domain([0.01, 100_000]);
    const fmt = x.tickFormat(4, readableTick as unknown as string); // d3 accepts a function here (as d3.axis does); its types say string
    const labels = x.ticks(4).map(fmt).filter(Boolean);
    expect(labels.length).toBeGreaterThan(3);
    expect(labels.some((l) => /e[+-]/.test(l))).toBe(false);
    expect(labels).toContain('100');
  });
});
