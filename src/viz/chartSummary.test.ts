import { describe, expect, it } from 'vitest';
import { chartSummary } from './chartSummary';

describe('chartSummary', () => {
  it('says the points, the x range, the latest value and the extremes of each series', () => {
    const s = { name: 'loss', x: [0, 1, 2, 3], y: [2.3, 1.2, Number.NaN, 0.61234], length: 4 };
    expect(chartSummary([s], { xLabel: 'step', yLabel: 'loss' })).toBe('4 points, step 0 to 3; latest loss 0.612; lowest 0.612, highest 2.3.');
    const acc = { name: 'valAcc', x: [1], y: [0.9], length: 1 };
    expect(chartSummary([acc], { xLabel: 'epoch', yLabel: 'accuracy', yFormat: (v) => `${Math.round(v * 100)}%` })).toBe(
      '1 point, epoch 1 to 1; latest accuracy 90%; lowest 90%, highest 90%.',
    );
  });

  it('names each series when there are several', () => {
    const a = { name: 'macs', x: [0, 5], y: [100, 50], length: 2 };
    const b = { name: 'params', x: [0, 5], y: [100, 60], length: 2 };
    expect(chartSummary([a, b], { xLabel: 'step', yLabel: '%' })).toBe(
      'macs: 2 points, step 0 to 5; latest % 50; lowest 50, highest 100. params: 2 points, step 0 to 5; latest % 60; lowest 60, highest 100.',
    );
  });

  it('says the empty text while there is no data', () => {
    expect(chartSummary([{ name: 'loss', x: [], y: [], length: 0 }], { xLabel: 'step', yLabel: 'loss', emptyText: 'Press Start' })).toBe('Press Start');
  });
});
