import { describe, expect, it } from 'vitest';
import { describeField, type Field } from '../../core/settings/fields';
import { groupToUrl, parseGroup, presetConfig, urlKeys, validateConfig } from '../../core/settings/group';
import { singlePathSpace } from '../../core/space/singlePath';
import { padnasPreset, PADNAS_PRESETS } from './config';
import { padnasMethod } from './index';
import { crossCheck } from './settings';

const g = padnasMethod.settings;
const fields = g.fields as readonly Field[];

/** Read URL values as the link code does (`legacy`: a v1 link). */
function read(pairs: Record<string, string>, legacy = false) {
  const notices: string[] = [];
  const c = parseGroup(g, new Map(Object.entries(pairs)), legacy, notices);
  return { c, notices };
}

describe('PAD-NAS settings', () => {
  it('keeps every URL key of the first PAD-NAS links, kebab-case CLI flags with the old names, a hint each', () => {
    expect(urlKeys(g).sort()).toEqual(
      ['ppreset', 'pops', 'pst', 'ppop', 'pgen', 'pk', 'pshare', 'pwlo', 'pwhi', 'pbn', 'pseed', 'psep', 'pfep', 'prank', 'prsteps', 'pfinal', 'plimit', 'plr', 'pbase', 'pbatch'].sort(),
    );
    for (const f of fields) {
      expect(f.cli).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(f.hint.length).toBeGreaterThan(20);
    }
    expect(new Set(fields.map((f) => f.cli)).size).toBe(fields.length);
    // The flags the first `search --method padnas` had keep their names and meanings.
    const byCli = Object.fromEntries(fields.map((f) => [f.cli, f.key]));
    expect(byCli).toMatchObject({ population: 'population', generations: 'generations', stages: 'stages', baseline: 'trainBaseline', seed: 'seed', epochs: 'supernetEpochs', 'train-limit': 'trainLimit', batch: 'batchSize' });
    expect(describeField(fields.find((f) => f.key === 'population')!)).toBe('an integer in [4, 64]');
  });

  it('every preset passes its own ranges and cross-checks; tiny is the default', () => {
    for (const name of Object.keys(PADNAS_PRESETS)) expect(validateConfig(g, presetConfig(g, name))).toMatchObject({ preset: name });
    expect(Object.keys(g.presets)[0]).toBe('tiny');
    expect(padnasMethod.profile()).toBe('optional');
  });

  it('a bare link is the tiny preset, in v1 and v2', () => {
    expect(read({}).c).toEqual(padnasPreset('tiny'));
    expect(read({}, true).c).toEqual(padnasPreset('tiny'));
    expect(groupToUrl(g, padnasPreset('tiny'))).toEqual([]);
  });

  it('the default preset is one key in v2; a v1 link of it (every value that differed from the v1 URL defaults) still loads it', () => {
    expect(groupToUrl(g, padnasPreset('default'))).toEqual([['ppreset', 'default']]);
    expect(read({ ppreset: 'default' }).c).toEqual(padnasPreset('default'));
    expect(groupToUrl(g, padnasPreset('first-look'))).toEqual([['ppreset', 'first-look']]);
    expect(read({ ppreset: 'first-look' }).c).toEqual(padnasPreset('first-look'));
    const v1 = { ppreset: 'default', pst: '4', ppop: '24', pgen: '8', pk: '3', pshare: '0.03', psep: '4', pfep: '2', prsteps: '60', pfinal: '5', plimit: '0', plr: '0.05' };
    expect(read(v1, true)).toEqual({ c: padnasPreset('default'), notices: [] });
    // In v1 an absent key meant the v1 URL default (the tiny value) whatever the preset: M = 3 here.
    expect(read({ ppreset: 'default' }, true).c).toMatchObject({ preset: 'default', stages: 3, population: 8, width: 1, tiny: false });
  });

  it('edits survive a trip through the link (a v1 link of the e2e settings reads the same)', () => {
    const p = { ...padnasPreset('tiny'), ops: 'k3' as const, shareThreshold: 0.5, population: 4, generations: 0, supernetEpochs: 1, finetuneEpochs: 0, rankArchs: 2, rankSteps: 1, bnRecal: false, trainLimit: 160, windowLo: 0.2, windowHi: 0.9, lr: 0.03, seed: 42 };
    const url = Object.fromEntries(groupToUrl(g, p));
    expect(url).toEqual({ pops: 'k3', ppop: '4', pgen: '0', pshare: '0.5', pwlo: '0.2', pwhi: '0.9', pbn: 'off', pseed: '42', psep: '1', pfep: '0', prank: '2', prsteps: '1', plimit: '160', plr: '0.03' });
    expect(read(url)).toEqual({ c: p, notices: [] });
    expect(read(url, true)).toEqual({ c: p, notices: [] });
  });

  it('clamps an out-of-range value with a notice', () => {
    const { c, notices } = read({ ppop: '1000', pst: '2', pshare: '0.9' });
    expect(c).toMatchObject({ population: 64, stages: 3, shareThreshold: 0.5 });
    expect(notices).toEqual(['pst=2 is below the minimum 3; using 3', 'ppop=1000 is above the maximum 64; using 64', 'pshare=0.9 is above the maximum 0.5; using 0.5']);
  });

  it('ignores an unusable value with a notice', () => {
    const { c, notices } = read({ pops: 'k9', pbn: 'maybe', ppop: '12' });
    expect(c).toEqual({ ...padnasPreset('tiny'), population: 12 });
    expect(notices).toEqual(['pops="k9" is not one of all, k35, k3, e3; using all', 'pbn="maybe" is not on or off; using on']);
  });

  it('flags an empty latency window and a subset smaller than a batch (Start refuses both)', () => {
    expect(read({ pwlo: '0.8', pwhi: '0.3' }).notices).toEqual([expect.stringMatching(/^PAD-NAS: the latency window is empty: its lower edge \(0.8\) must be below its upper edge \(0.3\)/)]);
    const c = presetConfig(g);
    expect(crossCheck({ ...c, trainLimit: 10 })).toEqual([expect.stringMatching(/training subset \(10 images\) is smaller than one batch \(32\)/)]);
    expect(() => validateConfig(g, { ...c, windowLo: 0.5, windowHi: 0.5 })).toThrow(/PAD-NAS: the latency window is empty/);
    expect(() => validateConfig(g, { ...c, population: 2 })).toThrow(/population: must be at least 4/);
  });

  it('a given search space survives validation (not a field: no URL key, no flag) and is checked against the skeleton', () => {
    const c = presetConfig(g); // tiny: width 0.5
    const space = singlePathSpace(0.5, 'k3').map((ops, j) => (j === 2 ? ['c3-zz3zzz', 'k5e3'] : ops));
    const spaceFrom = { file: 'learned.json', createdBy: { method: 'autospace', seed: 2, preset: 'tiny', date: '2026-11-30T00:00:00.000Z' } };
    expect(validateConfig(g, { ...c, space, spaceFrom })).toEqual({ ...c, space, spaceFrom });
    expect(groupToUrl(g, { ...c, space })).toEqual([]);
    expect(() => validateConfig(g, { ...c, space: space.slice(1) })).toThrow(/PAD-NAS: the given search space cannot be used: it lists 6 slots; the skeleton has 7/);
    expect(() => validateConfig(g, { ...c, space: space.map((o, j) => (j === 0 ? ['skip'] : o)) })).toThrow(/slot 1: identity \("skip"\) is not allowed/);
    expect(() => validateConfig(g, { ...c, space: 'k3e3' })).toThrow(/expected one list of op names per slot/);
  });
});
