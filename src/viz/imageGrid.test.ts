import { describe, expect, it } from 'vitest';
import { gridSize, toRgba, type ImageBatch } from './imageGrid';

describe('imageGrid', () => {
  it('expands grey pixels to opaque RGBA and keeps colour channels', () => {
    const grey: ImageBatch = { count: 2, height: 1, width: 2, channels: 1, images: Uint8Array.from([1, 2, 3, 4]), labels: Uint8Array.from([0, 1]) };
    expect(Array.from(toRgba(grey, 1))).toEqual([3, 3, 3, 255, 4, 4, 4, 255]);
    const rgb: ImageBatch = { count: 1, height: 1, width: 1, channels: 3, images: Uint8Array.from([10, 20, 30]), labels: Uint8Array.from([0]) };
    expect(Array.from(toRgba(rgb, 0))).toEqual([10, 20, 30, 255]);
  });
  it('sizes the grid by columns and rows', () => {
    expect(gridSize(32, { columns: 8, cell: 32, labelHeight: 14 })).toEqual({ width: 8 * 36, height: 4 * 50 });
    expect(gridSize(3, { columns: 8, cell: 32, labelHeight: 14 })).toEqual({ width: 3 * 36, height: 50 });
  });
});
