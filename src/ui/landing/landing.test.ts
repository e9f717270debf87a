import { describe, expect, it } from 'vitest';
import { METHODS } from '../../methods/registry';
import type { BackendReport } from '../../worker/protocol';
import { deviceExpectation } from './expectation';
import { methodSketch, SKETCH_H, SKETCH_W } from './sketches';

const report = (backend: string, fallback: boolean | null): BackendReport => ({
  backend,
  adapter:
    fallback === null
      ? null
      : { vendor: 'google', architecture: 'swiftshader', device: '', description: '', isFallbackAdapter: fallback, features: [] },
  fallbackReasons: [],
  tfjsVersion: '4',
  crossOriginIsolated: true,
});

describe('landing sketches', () => {
  it('every registered method (and an unknown one) gets a described picture inside the box, the same on every call', () => {
    for (const id of [...METHODS.map((m) => m.id), 'some-new-method']) {
      const s = methodSketch(id);
      expect(s.alt.length).toBeGreaterThan(10);
      expect(s.shapes.length).toBeGreaterThan(3);
      expect(methodSketch(id)).toEqual(s);
      for (const sh of s.shapes) {
        const xs = sh.kind === 'rect' ? [sh.x, sh.x + sh.w] : sh.kind === 'circle' ? [sh.cx - sh.r, sh.cx + sh.r] : [sh.x1, sh.x2];
        const ys = sh.kind === 'rect' ? [sh.y, sh.y + sh.h] : sh.kind === 'circle' ? [sh.cy - sh.r, sh.cy + sh.r] : [sh.y1, sh.y2];
        for (const x of xs) expect(x >= 0 && x <= SKETCH_W, `${id}: x ${x}`).toBe(true);
        for (const y of ys) expect(y >= 0 && y <= SKETCH_H, `${id}: y ${y}`).toBe(true);
      }
    }
  });
});

describe('deviceExpectation', () => {
  it('says what to expect for each backend state', () => {
    expect(deviceExpectation('starting', null, null).level).toBe('wait');
    const bad = deviceExpectation('failed', null, 'boom');
    expect(bad.level).toBe('bad');
    expect(bad.expect).toContain('boom');
    expect(deviceExpectation('ready', report('webgpu', false), null)).toMatchObject({ level: 'ok', what: 'webgpu on google · swiftshader' });
    const sw = deviceExpectation('ready', report('webgpu', true), null);
    expect(sw).toMatchObject({ level: 'slow', what: 'webgpu on google · swiftshader (a software adapter)' });
    expect(sw.expect).toMatch(/software adapter/);
    expect(deviceExpectation('ready', report('webgl', null), null)).toMatchObject({ level: 'slow', what: 'webgl' });
    expect(deviceExpectation('ready', report('cpu', null), null).expect).toMatch(/CPU/);
  });
});
