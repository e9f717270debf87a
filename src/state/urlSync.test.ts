import { beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../core/urlState';
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

const defaults = () => defaultSettings();

beforeEach(() => {
  useStore.setState({ settings: defaults(), notices: [] });
});

describe('readHash / writeHash', () => {
  it('round-trips settings including the tiny preset flags', () => {
    const s = { ...defaults(), width: 0.25, batch: 16, tiny: 1, limit: 256 };
    const h = writeHash(s);
    expect(h).toBe('v=1&width=0.25&batch=16&tiny=1&limit=256');
    expect(readHash(`#${h}`)).toEqual({ settings: s, notices: [] });
  });

  it('clamps tiny / limit with a notice like every URL setting, and does not call them unknown', () => {
    const { settings, notices } = readHash('#v=1&tiny=5&limit=-3');
    expect(settings.tiny).toBe(1);
    expect(settings.limit).toBe(0);
    expect(notices).toEqual(['tiny=5 is above the maximum 1; using 1', 'limit=-3 is below the minimum 0; using 0']);
    const frac = readHash('#v=1&tiny=0.4&limit=abc');
    expect(frac.settings).toMatchObject({ tiny: 0, limit: 0 });
    expect(frac.notices).toEqual(['tiny=0.4 is not a whole number; using 0', 'limit="abc" is not a number; using the default 0']);
  });

  it('reads the links the end-to-end tests use without notices', () => {
    for (const [hash, want] of [
      ['#v=1&width=0.25&batch=16&epochs=20&tiny=1&limit=48', { width: 0.25, batch: 16, epochs: 20, tiny: 1, limit: 48 }],
      ['#v=1&screen=profiler&tiny=1', { screen: 'profiler', tiny: 1, limit: 0 }],
      ['#v=1&screen=atomnas&alimit=320&aep=1&arho=0.3&aevery=2&aema=0', { screen: 'atomnas', alimit: 320, aep: 1, arho: 0.3, aevery: 2, aema: 0, tiny: 0 }],
      ['#v=1&epochs=50', { epochs: 50 }],
    ] as const) {
      const r = readHash(hash);
      expect(r.notices).toEqual([]);
      expect(r.settings).toMatchObject(want);
    }
    expect(writeHash({ ...defaults(), width: 0.25, batch: 16, epochs: 20, tiny: 1, limit: 48 })).toBe('v=1&width=0.25&epochs=20&batch=16&tiny=1&limit=48');
  });
});

describe('startUrlSync', () => {
  it('loads the hash into the store and reports adjusted values as a notice', () => {
    const env = fakeEnv('#v=1&epochs=999&opt=adam&bogus=1');
    const stop = startUrlSync(useStore, env);
    const st = useStore.getState();
    expect(st.settings.epochs).toBe(50);
    expect(st.settings.opt).toBe('adam');
    expect(st.notices).toHaveLength(1);
    expect(st.notices[0].lines.join('\n')).toMatch(/epochs=999 is above the maximum 50/);
    expect(st.notices[0].lines.join('\n')).toMatch(/unknown setting "bogus"/);
    // The URL is rewritten to the values actually used.
    expect(env.hash).toBe('#v=1&epochs=50&opt=adam');
    stop();
  });

  it('mirrors settings changes into the hash, and hash edits into the store', () => {
    const env = fakeEnv('');
    const stop = startUrlSync(useStore, env);
    expect(useStore.getState().notices).toHaveLength(0);
    useStore.getState().setSettings({ lr: 0.01, seed: 7 });
    expect(env.hash).toBe('#v=1&lr=0.01&seed=7');
    const writes = env.writes;
    useStore.getState().setSettings({ lr: 0.01 }); // same value: no rewrite
    expect(env.writes).toBe(writes);
    env.hash = '#v=1&batch=32';
    env.fire();
    expect(useStore.getState().settings.batch).toBe(32);
    expect(useStore.getState().settings.lr).toBe(0.05);
    stop();
    useStore.getState().setSettings({ seed: 9 });
    expect(env.hash).toBe('#v=1&batch=32');
  });

  it('loads PAD-NAS settings from a link, with a notice for what was adjusted', () => {
    const env = fakeEnv('#v=1&screen=padnas&ppop=16&pgen=99&pops=bogus&pwlo=0.9&pwhi=0.5');
    const stop = startUrlSync(useStore, env);
    const st = useStore.getState();
    expect(st.settings).toMatchObject({ screen: 'padnas', ppop: 16, pgen: 40, pops: 'all', pwlo: 0.9, pwhi: 0.5 });
    const lines = st.notices[0].lines.join('\n');
    expect(lines).toMatch(/pgen=99 is above the maximum 40/);
    expect(lines).toMatch(/pops="bogus" is not one of/);
    expect(lines).toMatch(/latency window is empty/);
    expect(env.hash).toBe('#v=1&screen=padnas&ppop=16&pgen=40&pwlo=0.9&pwhi=0.5');
    stop();
  });

  it('warns when a link asks for custom data that is not loaded', () => {
    const stop = startUrlSync(useStore, fakeEnv('#dataset=custom'));
    expect(useStore.getState().notices[0].lines[0]).toMatch(/load the files again/);
    stop();
  });
});
