import { describe, expect, it } from 'vitest';
import { heatmapCells } from './shareHeatmap';

describe('share heatmap cells', () => {
  it('marks ops never allowed, pruned ops (greyed) and live ops with their share', () => {
    const cells = heatmapCells({
      ops: ['k3e3', 'k5e3', 'skip'],
      allowed: [
        [true, true, false],
        [true, true, true],
      ],
      space: [['k3e3', 'k5e3'], ['k5e3']],
      shares: [
        [0.5, 0.5, Number.NaN],
        [0, 1, 0],
      ],
    });
    const state = Object.fromEntries(cells.map((c) => [c.key, c.state]));
    expect(state).toEqual({ '0-k3e3': 'live', '0-k5e3': 'live', '0-skip': 'absent', '1-k3e3': 'pruned', '1-k5e3': 'live', '1-skip': 'pruned' });
    expect(cells.find((c) => c.key === '1-k5e3')?.share).toBe(1);
  });
});
