import { describe, expect, it } from 'vitest';
import { genotypeSpec as neutralSpec, singlePathSpace } from '../space/singlePath';
import { genotypeSpec, initialSpace } from './ops';

const SK = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: 1, tiny: true };

describe('PAD-NAS names of the single-path space (core/space/singlePath)', () => {
  it("PAD-NAS's old names still work and keep PAD-NAS's labels", () => {
    const g = ['k3e3', 'skip', 'k5e6', 'k7e3', 'k3e6', 'skip', 'k7e6'];
    expect(initialSpace(1)).toEqual(singlePathSpace(1));
    const spec = genotypeSpec(g, SK);
    expect(spec.name).toBe(`PAD-NAS ${g.join('-')}`);
    expect(spec.meta).toMatchObject({ method: 'padnas' });
    expect(spec.layers).toEqual(neutralSpec(g, SK).layers);
  });
});
