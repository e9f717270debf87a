import { describe, expect, it } from 'vitest';
import { defaultSettings, parseHash, toHash } from '../urlState';
import { padnasFromUrl, padnasPreset, padnasToUrl, padnasUrlNotices } from './settings';

describe('PAD-NAS URL settings', () => {
  it('URL defaults are exactly the tiny preset, so old links and the bare hash are unchanged', () => {
    expect(padnasFromUrl(defaultSettings())).toEqual(padnasPreset('tiny'));
    expect(toHash({ ...defaultSettings(), ...padnasToUrl(padnasPreset('tiny')) })).toBe('v=1');
    expect(padnasFromUrl(parseHash('#v=1&screen=padnas').settings)).toEqual(padnasPreset('tiny'));
    expect(padnasUrlNotices(defaultSettings())).toEqual([]);
  });

  it('the default preset and edits survive a trip through the hash', () => {
    const d = padnasPreset('default');
    const dh = toHash({ ...defaultSettings(), ...padnasToUrl(d) });
    expect(dh).toContain('ppreset=default');
    const parsed = parseHash(dh);
    expect(parsed.notices).toEqual([]);
    expect(padnasFromUrl(parsed.settings)).toEqual(d);

    const p = { ...padnasPreset('tiny'), ops: 'k3' as const, shareThreshold: 0.5, population: 4, generations: 0, supernetEpochs: 1, finetuneEpochs: 0, rankArchs: 2, rankSteps: 1, bnRecal: false, trainLimit: 160, windowLo: 0.2, windowHi: 0.9, lr: 0.03, seed: 42 };
    const hash = toHash({ ...defaultSettings(), screen: 'padnas', ...padnasToUrl(p) });
    expect(hash).toBe('v=1&screen=padnas&pops=k3&ppop=4&pgen=0&pshare=0.5&pwlo=0.2&pwhi=0.9&pbn=off&pseed=42&psep=1&pfep=0&prank=2&prsteps=1&plimit=160&plr=0.03');
    const back = parseHash(`#${hash}`);
    expect(back.notices).toEqual([]);
    expect(padnasFromUrl(back.settings)).toEqual(p);
  });

  it('clamps an out-of-range value with a notice', () => {
    const { settings, notices } = parseHash('#v=1&screen=padnas&ppop=1000&pst=2&pshare=0.9');
    expect(padnasFromUrl(settings)).toMatchObject({ population: 64, stages: 3, shareThreshold: 0.5 });
    expect(notices).toEqual([
      'ppop=1000 is above the maximum 64; using 64',
      'pst=2 is below the minimum 3; using 3',
      'pshare=0.9 is above the maximum 0.5; using 0.5',
    ]);
  });

  it('ignores an unknown value (and an unknown p-key) with a notice', () => {
    const { settings, notices } = parseHash('#v=1&pops=k9&pbn=maybe&pfoo=3&ppop=12');
    expect(padnasFromUrl(settings)).toEqual({ ...padnasPreset('tiny'), population: 12 });
    expect(notices).toEqual([
      'pops="k9" is not one of all, k35, k3, e3; using the default all',
      'pbn="maybe" is not one of on, off; using the default on',
      'unknown setting "pfoo" ignored',
    ]);
  });

  it('flags an empty latency window, which per-key clamping cannot see', () => {
    const { settings } = parseHash('#v=1&pwlo=0.8&pwhi=0.3');
    expect(padnasUrlNotices(settings)).toEqual(['pwlo=0.8 is not below pwhi=0.3: the latency window is empty and Start will refuse it; adjust the window']);
  });
});
