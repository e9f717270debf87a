import { beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../core/urlState';
import { trainConfig } from './slices/settingsSlice';
import { URL_MODEL } from './urlModel';
import { useStore } from './store';
import { readHash, startUrlSync, writeHash, type HashEnv } from './urlSync';

function fakeEnv(initial: string): HashEnv & { hash: string; fire(): void; writes: number } {
  let cb: (() => void) | null = null;
  const env = {
    hash: initial,
    writes: 0,
    get: () => env.hash,
    replace: (h: string) => {
      env.hash = `#${h}`;
      env.writes++;
    },
    listen: (fn: () => void) => {
      cb = fn;
      return () => {
        cb = null;
      };
    },
    fire: () => cb?.(),
  };
  return env;
}

const defaults = () => defaultSettings(URL_MODEL);

beforeEach(() => {
  useStore.setState({ settings: defaults(), notices: [] });
});

describe('readHash / writeHash', () => {
  it('round-trips the Train settings including the tiny preset flags', () => {
    const s = defaults();
    s.configs.train = { ...s.configs.train, width: 0.25, batchSize: 16, tiny: true, trainLimit: 256 };
    const h = writeHash(s);
    expect(h).toBe('v=2&width=0.25&batch=16&limit=256&tiny=1');
    expect(readHash(`#${h}`)).toEqual({ settings: s, notices: [] });
  });

  it('reads the v1 links of the end-to-end tests and the README without notices', () => {
    for (const [hash, train] of [
      ['#v=1&width=0.25&batch=16&epochs=20&tiny=1&limit=48', { width: 0.25, batchSize: 16, epochs: 20, tiny: true, trainLimit: 48, lr: 0.05 }],
      ['#v=1&screen=profiler&tiny=1', { tiny: true, trainLimit: 0 }],
      ['#v=1&epochs=50', { epochs: 50 }],
    ] as const) {
      const r = readHash(hash);
      expect(r.notices).toEqual([]);
      expect(r.settings.configs.train).toMatchObject(train);
    }
    const a = readHash('#v=1&screen=atomnas&alimit=320&aep=1&arho=0.3&aevery=2&aema=0');
    expect(a.notices).toEqual([]);
    expect(a.settings.screen).toBe('atomnas');
    expect(a.settings.configs.atomnas).toMatchObject({ trainLimit: 320, epochs: 1, rho: 0.3, shrinkEvery: 2, emaDecay: 0 });
  });
});

describe('startUrlSync', () => {
  it('loads the hash into the store and reports adjusted values as a notice', () => {
    const env = fakeEnv('#v=2&epochs=999&opt=adam&bogus=1');
    const stop = startUrlSync(useStore, env);
    const st = useStore.getState();
    expect(trainConfig(st.settings).epochs).toBe(200);
    expect(trainConfig(st.settings).optimizer).toBe('adam');
    expect(st.notices).toHaveLength(1);
    expect(st.notices[0].lines.join('\n')).toMatch(/epochs=999 is above the maximum 200/);
    expect(st.notices[0].lines.join('\n')).toMatch(/unknown setting "bogus"/);
    // The URL is rewritten to the values actually used.
    expect(env.hash).toBe('#v=2&epochs=200&opt=adam');
    stop();
  });

  it('a bare link shows the landing page with an empty hash; a link without screen= shows Train', () => {
    const env = fakeEnv('');
    const stop = startUrlSync(useStore, env);
    expect(useStore.getState().settings.screen).toBe('landing');
    expect(env.hash).toBe('#');
    useStore.getState().setSettings({ screen: 'train' });
    expect(env.hash).toBe('#v=2');
    env.hash = '#v=1&epochs=10';
    env.fire();
    expect(useStore.getState().settings.screen).toBe('train');
    stop();
  });

  it('mirrors settings changes into the hash, and hash edits into the store', () => {
    const env = fakeEnv('#v=2');
    const stop = startUrlSync(useStore, env);
    expect(useStore.getState().notices).toHaveLength(0);
    useStore.getState().setConfig('train', { lr: 0.01, seed: 7 });
    expect(env.hash).toBe('#v=2&lr=0.01&seed=7');
    const writes = env.writes;
    useStore.getState().setConfig('train', { lr: 0.01 }); // same value: no rewrite
    expect(env.writes).toBe(writes);
    env.hash = '#v=2&batch=32';
    env.fire();
    expect(trainConfig(useStore.getState().settings).batchSize).toBe(32);
    expect(trainConfig(useStore.getState().settings).lr).toBe(0.1);
    stop();
    useStore.getState().setConfig('train', { seed: 9 });
    expect(env.hash).toBe('#v=2&batch=32');
  });

  it('loads PAD-NAS settings from a link, with a notice for what was adjusted', () => {
    const env = fakeEnv('#v=1&screen=padnas&ppop=16&pgen=99&pops=bogus&pwlo=0.9&pwhi=0.5');
    const stop = startUrlSync(useStore, env);
    const st = useStore.getState();
    expect(st.settings.screen).toBe('padnas');
    expect(st.settings.configs.padnas).toMatchObject({ population: 16, ops: 'all', windowLo: 0.9, windowHi: 0.5 });
    const lines = st.notices[0].lines.join('\n');
    expect(lines).toMatch(/pgen=99 is above the maximum/);
    expect(lines).toMatch(/pops="bogus" is not one of/);
    expect(lines).toMatch(/window/);
    stop();
  });

  it('warns when a link asks for custom data that is not loaded', () => {
    const stop = startUrlSync(useStore, fakeEnv('#dataset=custom'));
    expect(useStore.getState().notices[0].lines[0]).toMatch(/load the files again/);
    stop();
  });
});
