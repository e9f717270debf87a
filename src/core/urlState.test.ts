import { describe, expect, expectTypeOf, it } from 'vitest';
import { HASH_VERSION, URL_SETTINGS, defaultSettings, parseHash, toHash, type Settings } from './urlState';

describe('urlState', () => {
  it('has the documented defaults and derives a typed Settings', () => {
    expect(defaultSettings()).toMatchObject({
      screen: 'train',
      dataset: 'mnist',
      width: 1,
      epochs: 5,
      batch: 64,
      lr: 0.05,
      opt: 'sgd',
      sched: 'cosine',
      seed: 1,
      ls: 0.1,
      wd: 4e-5,
    });
    expectTypeOf<Settings['opt']>().toEqualTypeOf<'sgd' | 'rmsprop' | 'adam'>();
    expectTypeOf<Settings['epochs']>().toEqualTypeOf<number>();
    expect(HASH_VERSION).toBe(1);
    expect(new Set(URL_SETTINGS.map((d) => d.key)).size).toBe(URL_SETTINGS.length);
  });

  it('an empty hash gives the defaults and no notices', () => {
    expect(parseHash('')).toEqual({ settings: defaultSettings(), notices: [] });
    expect(parseHash('#')).toEqual({ settings: defaultSettings(), notices: [] });
  });

  it('reads valid values with or without #', () => {
    const { settings, notices } = parseHash('#v=1&epochs=10&opt=adam&lr=0.001&screen=atomnas&width=0.5&wd=0');
    expect(notices).toEqual([]);
    expect(settings).toMatchObject({ epochs: 10, opt: 'adam', lr: 0.001, screen: 'atomnas', width: 0.5, wd: 0 });
    expect(parseHash('batch=128').settings.batch).toBe(128);
  });

  it('clamps out-of-range values with a notice', () => {
    const { settings, notices } = parseHash('#v=1&epochs=500&width=0.1&lr=1e-9');
    expect(settings).toMatchObject({ epochs: 50, width: 0.25, lr: 1e-5 });
    expect(notices).toEqual([
      'epochs=500 is above the maximum 50; using 50',
      'width=0.1 is below the minimum 0.25; using 0.25',
      'lr=1e-9 is below the minimum 0.00001; using 0.00001',
    ]);
  });

  it('replaces bad types by the default with a notice', () => {
    const { settings, notices } = parseHash('epochs=abc&opt=lion&batch=&seed=Infinity');
    expect(settings).toMatchObject({ epochs: 5, opt: 'sgd', batch: 64, seed: 1 });
    expect(notices).toEqual([
      'epochs="abc" is not a number; using the default 5',
      'opt="lion" is not one of sgd, rmsprop, adam; using the default sgd',
      'batch="" is not a number; using the default 64',
      'seed="Infinity" is not a number; using the default 1',
    ]);
  });

  it('rounds integer settings and accepts choices case-insensitively', () => {
    const { settings, notices } = parseHash('batch=64.6&opt=Adam');
    expect(settings).toMatchObject({ batch: 65, opt: 'adam' });
    expect(notices).toEqual(['batch=64.6 is not a whole number; using 65']);
  });

  it('ignores unknown keys, flags duplicates, undecodable parts and unsupported versions', () => {
    const { settings, notices } = parseHash('#v=2&foo=1&epochs=3&epochs=4&%E0%A4%A=1');
    expect(settings.epochs).toBe(4);
    expect(notices).toEqual([
      'v=2 is not a supported settings version (this app reads v=1); reading the rest as v=1',
      'unknown setting "foo" ignored',
      'epochs appears more than once; using the last value',
      'could not decode "%E0%A4%A=1"; ignored',
    ]);
  });

  it('toHash writes v plus non-default values only, and round-trips', () => {
    expect(toHash(defaultSettings())).toBe('v=1');
    const s: Settings = { ...defaultSettings(), epochs: 12, opt: 'rmsprop', wd: 1e-4, width: 0.1 + 0.2, screen: 'padnas' };
    const h = toHash(s);
    expect(h).toBe('v=1&screen=padnas&width=0.3&epochs=12&opt=rmsprop&wd=0.0001');
    const back = parseHash(`#${h}`);
    expect(back.notices).toEqual([]);
    expect(back.settings).toEqual({ ...s, width: 0.3 });
    expect(toHash({ seed: 7 })).toBe('v=1&seed=7');
  });
});
