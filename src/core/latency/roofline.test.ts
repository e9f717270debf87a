import { describe, expect, it } from 'vitest';
import type { ArchSpec } from '../archspec';
import { layerTrafficBytes, rooflinePoint, specTrafficBytes, specWork } from './roofline';

describe('roofline', () => {
  it('dense 4→2: read 4 + 8 weights + 2 bias, write 2, add reads/writes 2 each → 20 floats', () => {
    expect(layerTrafficBytes({ type: 'dense', cin: 4, cout: 2 }, [1, 1, 4])).toBe(80);
  });
  it('gap over 2×2×3: transpose 12 + 12, reduce 12 + 3 → 39 floats', () => {
    expect(layerTrafficBytes({ type: 'gap' }, [2, 2, 3])).toBe(156);
  });
  it('skip moves nothing; a spec sums its layers', () => {
    const spec: ArchSpec = {
      version: 1, name: 't', input: { height: 2, width: 2, channels: 3 }, numClasses: 2,
      layers: [{ type: 'skip', cin: 3, cout: 3 }, { type: 'gap' }, { type: 'dense', cin: 3, cout: 2 }],
    };
    // dense 3→2: 3 + 6 + 2 + 4 + 2 = 17 floats
    expect(specTrafficBytes(spec)).toBe((39 + 17) * 4);
    expect(specWork(spec)).toEqual({ macs: 6, bytes: (39 + 17) * 4 });
  });
  it('a point under the roof: 2 MFLOP in 1 ms at 2 FLOP/B, roof min(100, 10·2) = 20 GFLOP/s', () => {
    const p = rooflinePoint(1e6, 1e6, 1, { matmulGflops: 100, bandwidthGBs: 10 });
    expect(p.intensity).toBe(2);
    expect(p.achievedGflops).toBeCloseTo(2, 12);
    expect(p.boundGflops).toBe(20);
    expect(p.fraction).toBeCloseTo(0.1, 12);
  });
});
