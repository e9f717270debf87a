import { describe, expect, it } from 'vitest';
import { Conv1x1FilterGradPartialProgram, DepthwiseFilterGradPartialProgram, splitPixels } from './filterGradPrograms';

describe('splitPixels', () => {
  it('covers every pixel exactly once, in chunks of at least 16 pixels where there are enough', () => {
    for (const [pixels, per] of [
      [1, 1],
      [15, 4],
      [3136, 4],
      [12544, 24],
      [200704, 1],
      [50176, 576],
      [37, 10000],
    ]) {
      const { chunks, chunk } = splitPixels(pixels, per);
      expect(chunks).toBeGreaterThanOrEqual(1);
      expect((chunks - 1) * chunk).toBeLessThan(pixels);
      expect(chunks * chunk).toBeGreaterThanOrEqual(pixels);
      if (chunks > 1) expect(chunk).toBeGreaterThanOrEqual(16);
    }
  });

  it('aims at a few thousand threads: more chunks for fewer channels, one chunk when the filter alone gives enough', () => {
    expect(splitPixels(12544, 4).chunks * 4).toBeGreaterThanOrEqual(3000);
    expect(splitPixels(12544, 24).chunks).toBeLessThan(splitPixels(12544, 4).chunks);
    expect(splitPixels(12544, 8192).chunks).toBe(1);
  });
});

describe('the partial-sum programs', () => {
  it('dispatch one thread per (chunk, channel) or per (chunk, 4×4 channel block), in workgroups of 64', () => {
    const dw = new DepthwiseFilterGradPartialProgram(3, 3, 24, 171);
    expect(dw.outputShape).toEqual([171, 9 * 24]);
    expect(dw.dispatch).toEqual([Math.ceil((171 * 24) / 64), 1, 1]);
    expect(dw.shaderKey).toBe('engine_dw_filter_grad_partial_3x3');
    const c1 = new Conv1x1FilterGradPartialProgram(6, 18, 100);
    expect(c1.outputShape).toEqual([100, 6 * 18]);
    expect(c1.dispatch).toEqual([Math.ceil((100 * 2 * 5) / 64), 1, 1]);
  });

  it('unroll every tap of a k×k filter and write each once', () => {
    const code = new DepthwiseFilterGradPartialProgram(5, 5, 8, 10).getUserCode();
    expect(code.match(/var a\d_\d = 0\.0;/g)).toHaveLength(25);
    expect(code.match(/setOutputAtIndex\(/g)).toHaveLength(25);
    expect(code).not.toMatch(/workgroupBarrier/);
  });
});
