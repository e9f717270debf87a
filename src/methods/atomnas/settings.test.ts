import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../core/settings/group';
import { parseHash, toHash, type UrlModel } from '../../core/urlState';
import { atomnasMethod } from './index';
import { atomnasPreset, atomnasSettings, kernelsOf, type AtomNasSettings } from './settings';

const model: UrlModel = { screens: ['train', 'atomnas'], groups: [atomnasSettings] };
const read = (hash: string) => {
  const r = parseHash(hash, model);
  return { config: r.settings.configs.atomnas as unknown as AtomNasSettings, notices: r.notices };
};
const hashOf = (c: AtomNasSettings) => toHash({ screen: 'atomnas', dataset: 'mnist', configs: { atomnas: c as unknown as Record<string, unknown> } }, model);

describe('AtomNAS settings', () => {
  it('declares every setting once: unique URL keys and CLI flags, a hint each, presets in range', () => {
    const f = atomnasSettings.fields;
    expect(new Set(f.map((x) => x.url)).size).toBe(f.length);
    expect(new Set(f.map((x) => x.cli)).size).toBe(f.length);
    expect(f.every((x) => x.hint.length > 20)).toBe(true);
    // The keys of the first version, so its links still load (plus abatch, new).
    expect(f.map((x) => x.url).sort()).toEqual(
      ['abatch', 'ae', 'aema', 'aep', 'aevery', 'afrac', 'ak', 'alimit', 'alr', 'amode', 'aopt', 'aprox', 'arho', 'aseed', 'athr', 'atgt', 'apen'].sort(),
    );
    for (const p of ['tiny', 'default', 'first-look'] as const) expect(validateConfig(atomnasSettings, atomnasPreset(p))).toEqual(atomnasPreset(p));
    expect(atomnasMethod.profile(atomnasPreset('tiny'))).toBe('optional');
    expect(atomnasMethod.profile({ ...atomnasPreset('tiny'), penalty: 'latency' })).toBe('required');
  });

  it('a fresh link is the tiny preset; the default preset survives a trip through the hash', () => {
    expect(read('').config).toEqual(atomnasPreset('tiny'));
    expect(hashOf(atomnasPreset('tiny'))).toBe('v=2&screen=atomnas');
    const d = atomnasPreset('default');
    const hash = hashOf(d);
    expect(hash).toBe('v=2&screen=atomnas&apreset=default');
    expect(read(hash)).toEqual({ config: d, notices: [] });
    const look = atomnasPreset('first-look');
    expect(hashOf(look)).toBe('v=2&screen=atomnas&apreset=first-look');
    expect(read(hashOf(look))).toEqual({ config: look, notices: [] });
  });

  it('version-1 links keep their meaning: absent a… values were the tiny preset’s, whatever apreset said', () => {
    expect(read('v=1')).toEqual({ config: atomnasPreset('tiny'), notices: [] });
    // What the first version wrote for the default preset (every value that differed from its URL defaults).
    expect(read('v=1&apreset=default&aep=5&alimit=0&arho=0.02&atgt=2&aevery=25&aema=0.9')).toEqual({ config: atomnasPreset('default'), notices: [] });
    const bare = read('v=1&apreset=default').config;
    expect(bare).toMatchObject({ preset: 'default', tiny: false, batchSize: 64, epochs: 2, trainLimit: 1280, rho: 0.05, targetMacs: 600_000 });
    // The e2e link.
    expect(read('v=1&screen=atomnas&alimit=960&aep=1&arho=0.3&aevery=2&aema=0').config).toEqual({
      ...atomnasPreset('tiny'), trainLimit: 960, epochs: 1, rho: 0.3, shrinkEvery: 2, emaDecay: 0,
    });
  });

  it('edits travel too (kernels, target mode in millions, proximal off), and bad values are clamped with a notice', () => {
    const a: AtomNasSettings = { ...atomnasPreset('tiny'), kernels: [3, 7], rho: 3e-4, targetMode: true, targetMacs: 450_000, proximal: false, batchSize: 16 };
    const hash = hashOf(a);
    expect(hash).toContain('ak=3-7');
    expect(hash).toContain('amode=target');
    expect(hash).toContain('atgt=0.45');
    expect(hash).toContain('aprox=off');
    const { config, notices } = read(`${hash}&athr=5`);
    expect(config).toEqual({ ...a, threshold: 0.1 });
    expect(notices.join(' ')).toMatch(/athr=5 is above the maximum 0.1/);
    expect(read('v=2&ak=9-9').notices.join(' ')).toMatch(/ak="9-9" is not one of 3-5-7/);
    expect(read('v=2&abatch=64&alimit=40').notices.join(' ')).toMatch(/AtomNAS: the training subset \(40 images\) is smaller than one batch \(64\)/);
    expect(kernelsOf('5-7')).toEqual([5, 7]);
  });
});
