import { describe, expect, it } from 'vitest';
import { atomnasPreset } from '../core/atomnasSettings';
import { parseFlags, UsageError } from './args';
import { atomnasSettingsFromFlags, SEARCH_FLAGS } from './search';

describe('search flags', () => {
  it('start from the preset and apply only the overrides given', () => {
    const f = parseFlags(['--method', 'atomnas', '--preset', 'default', '--seed', '3'], SEARCH_FLAGS, 'search');
    expect(atomnasSettingsFromFlags(f)).toEqual({ ...atomnasPreset('default'), seed: 3 });
  });

  it('overrides: target mode, kernels, proximal off, train limit', () => {
    const f = parseFlags(['--target-macs', '450000', '--kernels', '3-5', '--proximal', 'false', '--train-limit', '0', '--rho', '0.01'], SEARCH_FLAGS, 'search');
    const s = atomnasSettingsFromFlags(f);
    expect(s).toMatchObject({ preset: 'tiny', targetMode: true, targetMacs: 450000, kernels: [3, 5], proximal: false, trainLimit: 0, rho: 0.01 });
  });

  it('refuses a latency penalty and unknown methods on the command line', () => {
    expect(() => parseFlags(['--penalty', 'latency'], SEARCH_FLAGS, 'search')).toThrow(UsageError);
    expect(() => parseFlags(['--method', 'darts'], SEARCH_FLAGS, 'search')).toThrow(UsageError);
  });
});
