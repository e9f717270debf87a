import { describe, expect, it } from 'vitest';
import { bool, choice, num } from './settings/fields';
import type { SettingsGroup } from './settings/group';
import { TRAIN_GROUP } from './trainSettings';
import { defaultSettings, HASH_VERSION, parseHash, toHash, type UrlModel } from './urlState';

interface Demo {
  preset: string;
  rho: number;
  kernels: number[];
  targetMode: boolean;
  targetMacs: number;
  lo: number;
  hi: number;
}
const SMALL: Demo = { preset: 'small', rho: 0.05, kernels: [3, 5, 7], targetMode: false, targetMacs: 600_000, lo: 0.1, hi: 0.7 };
const DEMO: SettingsGroup<Demo> = {
  id: 'demo',
  label: 'Demo',
  presets: { small: SMALL, big: { ...SMALL, preset: 'big', rho: 0.02, targetMacs: 2_000_000 } },
  presetUrl: 'dpreset',
  presetCli: 'preset',
  presetKey: 'preset',
  fields: [
    num({ key: 'rho', url: 'drho', cli: 'rho', label: 'ρ', hint: 'h', min: 0, max: 1, minExclusive: true }),
    choice({ key: 'kernels', url: 'dk', cli: 'kernels', label: 'Kernels', hint: 'h', values: ['3-5-7', '3-5', '3'], codec: { toConfig: (w) => w.split('-').map(Number), fromConfig: (v) => (v as number[]).join('-') } }),
    bool({ key: 'targetMode', url: 'dmode', cli: 'target-mode', label: 'Mode', hint: 'h', words: ['rho', 'target'] }),
    num({ key: 'targetMacs', url: 'dtgt', cli: 'target-macs', label: 'Target', hint: 'h', min: 0.01, max: 100, scale: 1e-6 }),
    num({ key: 'lo', url: 'dlo', cli: 'lo', label: 'lo', hint: 'h', min: 0, max: 1 }),
    num({ key: 'hi', url: 'dhi', cli: 'hi', label: 'hi', hint: 'h', min: 0, max: 1 }),
  ],
  crossCheck: (c) => (c.lo < c.hi ? [] : [`the window ${c.lo}–${c.hi} is empty`]),
};
const MODEL: UrlModel = { screens: ['train', 'profiler', 'demo'], groups: [TRAIN_GROUP, DEMO] };

describe('urlState', () => {
  it('an empty hash gives the first screen, MNIST and every first preset, with no notices', () => {
    const d = defaultSettings(MODEL);
    expect(d).toMatchObject({ screen: 'train', dataset: 'mnist', configs: { train: { lr: 0.1, epochs: 5, batchSize: 64 }, demo: SMALL } });
    expect(parseHash('', MODEL)).toEqual({ settings: d, notices: [] });
    expect(parseHash('#', MODEL)).toEqual({ settings: d, notices: [] });
    expect(toHash(d, MODEL)).toBe(`v=${HASH_VERSION}`);
  });

  it('with a home screen: an empty link shows home, a link without screen= still shows the first screen', () => {
    const HOME: UrlModel = { ...MODEL, screens: [...MODEL.screens, 'landing'], home: 'landing' };
    expect(parseHash('', HOME).settings.screen).toBe('landing');
    expect(parseHash('#', HOME).settings.screen).toBe('landing');
    expect(parseHash('#v=2', HOME).settings.screen).toBe('train');
    expect(parseHash('#v=1&epochs=10', HOME).settings.screen).toBe('train');
    expect(parseHash('#v=2&screen=demo', HOME).settings.screen).toBe('demo');
    expect(parseHash('#v=2&screen=landing', HOME).settings.screen).toBe('landing');
    // Home with nothing else to say is the empty hash; Train stays `v=2` (old links and new ones agree).
    const home = parseHash('', HOME).settings;
    expect(toHash(home, HOME)).toBe('');
    expect(toHash({ ...home, screen: 'train' }, HOME)).toBe(`v=${HASH_VERSION}`);
    const changed = { ...home, configs: { ...home.configs, demo: { ...SMALL, rho: 0.5 } } };
    expect(toHash(changed, HOME)).toBe(`v=${HASH_VERSION}&screen=landing&drho=0.5`);
    expect(parseHash(toHash(changed, HOME), HOME).settings).toEqual(changed);
  });

  it('reads a screen alias (a tab label) as its screen, writes the id, and refuses names that are neither', () => {
    const ALIASED: UrlModel = { ...MODEL, screens: [...MODEL.screens, 'landing'], home: 'landing', aliases: { home: 'landing', start: 'demo' } };
    const viaAlias = parseHash('#v=2&screen=Start', ALIASED);
    expect(viaAlias).toEqual({ settings: { ...defaultSettings(ALIASED), screen: 'demo' }, notices: [] });
    expect(toHash(viaAlias.settings, ALIASED)).toBe(`v=${HASH_VERSION}&screen=demo`);
    expect(parseHash('#v=2&screen=home', ALIASED).settings.screen).toBe('landing');
    // Only the model's own aliases: an object's inherited names are not screens.
    for (const bad of ['constructor', 'toString', '__proto__', 'latency']) {
      const r = parseHash(`#v=2&screen=${bad}`, ALIASED);
      expect(r.settings.screen).toBe('train');
      expect(r.notices.join(' ')).toContain(`screen="${bad}" is not one of`);
    }
  });

  it('reads values through their fields: codecs, words and scales', () => {
    const { settings, notices } = parseHash('#v=2&screen=demo&dk=3-5&dmode=target&dtgt=0.6&opt=Adam&batch=128', MODEL);
    expect(notices).toEqual([]);
    expect(settings.screen).toBe('demo');
    expect(settings.configs.demo).toMatchObject({ kernels: [3, 5], targetMode: true, targetMacs: 600_000 });
    expect(settings.configs.train).toMatchObject({ optimizer: 'adam', batchSize: 128 });
  });

  it('v2 takes absent values from the chosen preset; v1 links keep their old meaning', () => {
    expect(parseHash('#v=2&dpreset=big', MODEL).settings.configs.demo).toMatchObject({ preset: 'big', rho: 0.02, targetMacs: 2_000_000 });
    // v1: the Train URL default learning rate was 0.05 (the v1 meaning of a link without lr).
    expect(parseHash('#v=1&epochs=3', MODEL).settings.configs.train).toMatchObject({ lr: 0.05, nesterov: false, warmupSteps: 0, epochs: 3 });
    expect(parseHash('#v=2&epochs=3', MODEL).settings.configs.train).toMatchObject({ lr: 0.1, epochs: 3 });
  });

  it('clamps and replaces bad values with short notices', () => {
    const { settings, notices } = parseHash('#epochs=500&width=0.1&drho=0&opt=lion&batch=&seed=Infinity&batch=64.6', MODEL);
    expect(settings.configs.train).toMatchObject({ epochs: 200, width: 0.25, optimizer: 'sgd', batchSize: 65, seed: 1 });
    expect(settings.configs.demo.rho).toBe(0);
    expect(notices).toEqual([
      'batch appears more than once; using the last value',
      'width=0.1 is below the minimum 0.25; using 0.25',
      'epochs=500 is above the maximum 200; using 200',
      'batch=64.6 is not a whole number; using 65',
      'opt="lion" is not one of sgd, rmsprop, adam; using sgd',
      'seed="Infinity" is not a number; using 1',
      'drho=0 is below the minimum 0; using 0',
    ]);
  });

  it('runs each group’s cross-checks', () => {
    expect(parseHash('#dlo=0.9&dhi=0.5', MODEL).notices).toEqual(['Demo: the window 0.9–0.5 is empty']);
  });

  it('bounds what a hostile link can put in a notice', () => {
    const long = 'x'.repeat(100_000);
    const many = Array.from({ length: 3000 }, (_, i) => `k${i}=1`).join('&');
    const { notices } = parseHash(`#opt=${long}&${many}&v=${long}`, MODEL);
    expect(notices).toHaveLength(3);
    for (const n of notices) expect(n.length).toBeLessThan(200);
    expect(notices.at(-1)).toBe('3,000 unknown settings ignored: "k0", "k1", "k2", "k3", "k4", …');
    expect(parseHash('#%E0%A4%A=1&foo=2', MODEL).notices).toEqual(['unknown setting "foo" ignored', 'undecodable part "%E0%A4%A=1" ignored']);
  });

  it('writes v, the screen and only the values that differ from the preset, and round-trips', () => {
    const s = defaultSettings(MODEL);
    s.screen = 'demo';
    s.configs.train = { ...s.configs.train, epochs: 12, optimizer: 'rmsprop', width: 0.1 + 0.2 };
    s.configs.demo = { ...DEMO.presets.big, kernels: [3], targetMacs: 1_500_000 };
    const h = toHash(s, MODEL);
    expect(h).toBe('v=2&screen=demo&width=0.3&epochs=12&opt=rmsprop&dpreset=big&dk=3&dtgt=1.5');
    const back = parseHash(`#${h}`, MODEL);
    expect(back.notices).toEqual([]);
    expect(back.settings.configs.demo).toEqual(s.configs.demo);
    expect(back.settings.configs.train).toEqual({ ...s.configs.train, width: 0.3 });
  });
  it('backend= pins a backend, is written back, and auto or a bad value leaves the choice automatic', () => {
    const pinned = parseHash('#v=2&backend=CPU', MODEL);
    expect(pinned).toMatchObject({ settings: { backend: 'cpu' }, notices: [] });
    expect(toHash(pinned.settings, MODEL)).toBe('v=2&backend=cpu');
    expect(parseHash('#v=2&backend=auto', MODEL)).toEqual({ settings: defaultSettings(MODEL), notices: [] });
    const bad = parseHash('#v=2&backend=tpu', MODEL);
    expect(bad.settings.backend).toBeUndefined();
    expect(bad.notices).toEqual(['backend="tpu" is not one of auto, webgpu, webgl, cpu; choosing automatically']);
  });

  it('rec=1 opens a replay screen on its recorded run, is written back, and is refused elsewhere with a notice', () => {
    const REPLAY: UrlModel = { ...MODEL, replayScreens: ['demo'] };
    const on = parseHash('#v=2&screen=demo&rec=1', REPLAY);
    expect(on).toEqual({ settings: { ...defaultSettings(REPLAY), screen: 'demo', replay: true }, notices: [] });
    expect(toHash(on.settings, REPLAY)).toBe('v=2&screen=demo&rec=1');
    const big = { ...on.settings, configs: { ...on.settings.configs, demo: { ...DEMO.presets.big } } };
    expect(toHash(big, REPLAY)).toBe('v=2&screen=demo&rec=1&dpreset=big');
    expect(parseHash(toHash(big, REPLAY), REPLAY).settings).toEqual(big);
    // rec=0 and no rec say the same (and write nothing).
    const off = parseHash('#v=2&screen=demo&rec=0', REPLAY);
    expect(off.notices).toEqual([]);
    expect(off.settings.replay).toBeUndefined();
    expect(toHash(off.settings, REPLAY)).toBe('v=2&screen=demo');
    expect(toHash({ ...off.settings, replay: false }, REPLAY)).toBe('v=2&screen=demo');
    // Not a replay screen, a bad value, or a model without replay screens: ignored with a notice.
    expect(parseHash('#v=2&screen=train&rec=1', REPLAY).notices).toEqual(['rec=1 ignored: the train screen has no recorded run']);
    expect(parseHash('#v=2&screen=demo&rec=yes', REPLAY)).toMatchObject({ settings: { screen: 'demo' }, notices: ['rec="yes" is not 1 (show the recorded run) or 0; ignored'] });
    expect(parseHash('#v=2&screen=demo&rec=1', MODEL).notices).toEqual(['rec=1 ignored: the demo screen has no recorded run']);
    expect(toHash({ ...on.settings, screen: 'train' }, REPLAY)).toBe('v=2');
    expect(toHash(on.settings, MODEL)).toBe('v=2&screen=demo');
  });
});
