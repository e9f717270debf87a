import { describe, expect, it } from 'vitest';
import { atomnasFromUrl, atomnasPreset, atomnasToUrl, kernelsOf } from './atomnasSettings';
import { defaultSettings, parseHash, toHash } from './urlState';

describe('AtomNAS settings', () => {
  it('URL defaults are exactly the tiny preset', () => {
    expect(atomnasFromUrl(defaultSettings())).toEqual(atomnasPreset('tiny'));
    expect(toHash({ ...defaultSettings(), ...atomnasToUrl(atomnasPreset('tiny')) })).toBe('v=1');
  });

  it('the default preset survives a trip through the hash', () => {
    const d = atomnasPreset('default');
    const hash = toHash({ ...defaultSettings(), ...atomnasToUrl(d) });
    expect(hash).toContain('apreset=default');
    expect(atomnasFromUrl(parseHash(hash).settings)).toEqual(d);
  });

  it('edits travel too, and bad values are clamped with a notice', () => {
    const a = { ...atomnasPreset('tiny'), kernels: [3, 7], rho: 3e-4, targetMode: true, targetMacs: 450_000, proximal: false };
    const { settings, notices } = parseHash(toHash({ ...defaultSettings(), ...atomnasToUrl(a) }) + '&athr=5');
    expect(atomnasFromUrl(settings)).toEqual({ ...a, threshold: 0.1 });
    expect(notices.join(' ')).toMatch(/athr/);
    expect(kernelsOf('5-7')).toEqual([5, 7]);
  });
});
