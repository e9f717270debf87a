import { describe, expect, it } from 'vitest';
import { encodeCheckpoint } from './checkpointFile';
import { checkpointMismatch, decodeSearchCheckpoint, encodeSearchCheckpoint, isSearchCheckpoint } from './searchCheckpointFile';

const file = () => ({
  method: 'random',
  config: { seed: 1, lr: 0.1, window: [0, Infinity] },
  done: 7,
  state: { v: 1, w: new Float32Array([1.5, -2, NaN]), order: new Uint32Array([3, 1, 2]), byName: new Map([['a', 1]]), loss: -Infinity },
  meta: { runId: 'r1' },
});

describe('search checkpoint files (issue 16 §1, §6)', () => {
  it('round-trips method, config, step, state (float arrays, Maps, non-finite numbers) and meta', () => {
    const bytes = encodeSearchCheckpoint(file());
    expect(isSearchCheckpoint(bytes)).toBe(true);
    const got = decodeSearchCheckpoint<{ runId: string }>(bytes, 'a.ckpt');
    expect(got.version).toBe(1);
    expect(got.method).toBe('random');
    expect(got.done).toBe(7);
    expect(got.config).toEqual(file().config);
    expect(got.meta.runId).toBe('r1');
    const s = got.state as ReturnType<typeof file>['state'];
    expect(s.w).toEqual(new Float32Array([1.5, -2, NaN]));
    expect(s.order).toEqual(new Uint32Array([3, 1, 2]));
    expect(s.byName.get('a')).toBe(1);
    expect(s.loss).toBe(-Infinity);
  });

  it('names the file and what is wrong', () => {
    const good = encodeSearchCheckpoint(file());
    expect(() => decodeSearchCheckpoint(new Uint8Array(4), 'x.ckpt')).toThrow(/x.ckpt is not a search checkpoint of this playground/);
    expect(() => decodeSearchCheckpoint(good.slice(0, good.length - 4), 'cut.ckpt')).toThrow(/cut.ckpt is cut short or damaged/);
    const train = encodeCheckpoint({ checkpoint: { step: 1, params: new Map() }, meta: {} });
    expect(isSearchCheckpoint(train)).toBe(false);
    expect(() => decodeSearchCheckpoint(train, 't.ckpt')).toThrow(/t.ckpt is a checkpoint of a Train run, not of a search/);
    expect(() => decodeSearchCheckpoint(encodeSearchCheckpoint({ ...file(), done: -1 }), 'd.ckpt')).toThrow(/d.ckpt has no valid step count/);
    expect(() => decodeSearchCheckpoint(encodeSearchCheckpoint({ ...file(), state: null }), 's.ckpt')).toThrow(/s.ckpt has no method state/);
    const v2 = good.slice();
    const text = new TextDecoder().decode(v2);
    const at = text.indexOf('"version":1');
    v2.set(new TextEncoder().encode('"version":9'), at);
    expect(() => decodeSearchCheckpoint(v2, 'v.ckpt')).toThrow(/v.ckpt is a search checkpoint of format v9; this version reads v1/);
  });

  it('says which method or which settings differ', () => {
    const f = { method: 'random', config: { seed: 1, lr: 0.1 } };
    expect(checkpointMismatch(f, 'random', { seed: 1, lr: 0.1 })).toBeNull();
    expect(checkpointMismatch(f, 'atomnas', { seed: 1, lr: 0.1 })).toBe('it is a checkpoint of random, not of atomnas');
    expect(checkpointMismatch(f, 'random', { seed: 2, lr: 0.1, extra: true })).toBe('its settings differ: extra is undefined there, true here; seed is 1 there, 2 here');
  });
});
