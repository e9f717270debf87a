import { describe, expect, it } from 'vitest';
import { Series, SeriesBuffer } from './series';

describe('Series', () => {
  it('grows past its initial capacity and keeps order', () => {
    const s = new Series();
    for (let i = 0; i < 1000; i++) s.push(i, i * i);
    s.append(Float64Array.from([1000, 1001]), Float32Array.from([7, 8]));
    expect(s.length).toBe(1002);
    expect(s.y[999]).toBe(999 * 999);
    expect(s.x[1001]).toBe(1001);
    expect(s.last).toBe(8);
    s.clear();
    expect(s.length).toBe(0);
    expect(Number.isNaN(s.last)).toBe(true);
  });
});

describe('SeriesBuffer', () => {
  it('bumps the version and notifies subscribers on every change, until unsubscribed', () => {
    const b = new SeriesBuffer(['a', 'b'] as const);
    let calls = 0;
    const off = b.subscribe(() => calls++);
    const v0 = b.version;
    b.push('a', 1, 2);
    b.append('b', [1, 2], [3, 4]);
    expect(b.version).toBe(v0 + 2);
    expect(calls).toBe(2);
    expect(b.series.b.length).toBe(2);
    off();
    b.clear();
    expect(calls).toBe(2);
    expect(b.series.a.length).toBe(0);
  });
});
