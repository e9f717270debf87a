import { describe, expect, it } from 'vitest';
import { genotypeSpec, SINGLE_PATH_OPS, singlePathSpace } from '../../core/space/singlePath';
import { padnasSpec, spaceColumns } from './ops';

const SK = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: 1, tiny: true };

describe('PAD-NAS genotype specs', () => {
  it("are the shared space's specs with PAD-NAS's labels", () => {
    const g = ['k3e3', 'skip', 'k5e6', 'k7e3', 'k3e6', 'skip', 'k7e6'];
    const spec = padnasSpec(g, SK);
    expect(spec.name).toBe(`PAD-NAS ${g.join('-')}`);
    expect(spec.meta).toMatchObject({ method: 'padnas' });
    expect(spec.layers).toEqual(genotypeSpec(g, SK).layers);
  });

  it('heatmap columns: the seven single-path ops for an MB space, else the MB ops used and then the cells', () => {
    expect(spaceColumns(singlePathSpace(1, 'k3'))).toEqual([...SINGLE_PATH_OPS]);
    expect(spaceColumns([['c3-zz3zzz', 'k5e3'], ['skip', 'c4-zz5zzz', 'c3-zz3zzz']])).toEqual(['k5e3', 'skip', 'c3-zz3zzz', 'c4-zz5zzz']);
  });
});
