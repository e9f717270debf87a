import { describe, expect, it } from 'vitest';
import { padnasPreset } from '../core/padnas/settings';
import { parseFlags } from './args';
import { SEARCH_FLAGS } from './searchLegacy';
import { padnasSettingsFromFlags } from './searchPadnas';

describe('search --method padnas flags', () => {
  it('start from the preset and apply only the overrides given', () => {
    const f = parseFlags(['--method', 'padnas', '--preset', 'default', '--seed', '3'], SEARCH_FLAGS, 'search');
    expect(padnasSettingsFromFlags(f)).toEqual({ ...padnasPreset('default'), seed: 3 });
  });

  it('overrides population, generations, stages and the stage-1 epochs', () => {
    const f = parseFlags(['--method', 'padnas', '--population', '6', '--generations', '0', '--stages', '4', '--epochs', '3'], SEARCH_FLAGS, 'search');
    expect(padnasSettingsFromFlags(f)).toMatchObject({ preset: 'tiny', population: 6, generations: 0, stages: 4, supernetEpochs: 3 });
    expect(f.baseline).toBe(true);
  });
});
