import { describe, expect, it } from 'vitest';
import { parseGroup, urlKeys, validateConfig } from '../../core/settings/group';
import { EGNAS_PRESETS } from './config';
import { crossCheck, egnasSettings, unmatchedChange } from './settings';

const D = EGNAS_PRESETS.default;

describe('Efficient Global NAS settings', () => {
  it('presets pass their own checks; tiny is smaller than default; default uses all training images and METHODS.md ranges', () => {
    for (const p of Object.values(EGNAS_PRESETS)) expect(crossCheck(p)).toEqual([]);
    for (const p of Object.values(EGNAS_PRESETS)) expect(validateConfig(egnasSettings, p)).toEqual(p);
    expect(D).toMatchObject({ trainLimit: 0, Cmin: 8, Cmax: 32, Lmin: 4, Lmax: 15, widthStep: 2, depthEpochStep: 1, widthEpochStep: 2, failLimit: 2 });
    expect(EGNAS_PRESETS.tiny.Cmax).toBeLessThan(D.Cmax);
    expect(EGNAS_PRESETS.tiny.trainLimit).toBeGreaterThan(0);
  });

  it('bad settings get a clear message each (L_min > L_max, C_min > C_max, widths that cannot match the parameter budget)', () => {
    expect(crossCheck({ ...D, Lmin: 9, Lmax: 5 })).toEqual(['the smallest depth L_min (9) is above the largest L_max (5)']);
    expect(crossCheck({ ...D, Cmin: 40, Cmax: 32 })).toEqual(['the smallest width C_min (40) is above the largest C_max (32)']);
    const unmatched = crossCheck({ ...D, Cmin: 64, Cmax: 64, paramTol: 0 });
    expect(unmatched).toHaveLength(1);
    expect(unmatched[0]).toMatch(/no width between 32 \(half of C_min 64\) and C_max \(64\) fits a Conv in place of a SepConv into the parameter budget.*lower C_min/);
    expect(unmatchedChange({ Lmin: 4, Cmin: 8, Cmax: 32, paramTol: 0.02 })).toBeNull();
    expect(() => validateConfig(egnasSettings, { ...D, Lmin: 9, Lmax: 5 })).toThrow(/L_min \(9\) is above/);
  });

  it('reads the URL (own g-prefixed keys) and reports a cross-field problem as a notice', () => {
    const notices: string[] = [];
    const c = parseGroup(egnasSettings, new Map([['gpreset', 'tiny'], ['glmin', '6'], ['glmax', '3']]), false, notices);
    expect(c).toMatchObject({ preset: 'tiny', Lmin: 6, Lmax: 3 });
    expect(notices.join(' ')).toMatch(/L_min \(6\) is above the largest L_max \(3\)/);
    expect(urlKeys(egnasSettings).every((k) => k.startsWith('g'))).toBe(true);
  });
});
