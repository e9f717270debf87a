import { describe, expect, it } from 'vitest';
import { genericSketch, shapeBounds, SKETCH_H, SKETCH_W, sketchOf, type Sketch } from '../core/method/sketch';
import { METHODS } from './registry';

function expectInBox(name: string, s: Sketch): void {
  expect(s.alt.length, name).toBeGreaterThan(10);
  expect(s.shapes.length, name).toBeGreaterThan(3);
  for (const sh of s.shapes) {
    const b = shapeBounds(sh);
    for (const x of b.x) expect(x >= 0 && x <= SKETCH_W, `${name}: x ${x}`).toBe(true);
    for (const y of b.y) expect(y >= 0 && y <= SKETCH_H, `${name}: y ${y}`).toBe(true);
  }
}

describe('landing sketches (each method keeps its own in methods/<id>/sketch.ts)', () => {
  it('every registered method has its own described picture inside the box, the same on every call', () => {
    const alts = new Set<string>();
    for (const m of METHODS) {
      expect(m.sketch, `${m.id} has no sketch`).toBeTypeOf('function');
      const s = sketchOf(m);
      expectInBox(m.id, s);
      expect(sketchOf(m)).toEqual(s);
      expect(s).not.toEqual(genericSketch());
      alts.add(s.alt);
    }
    expect(alts.size).toBe(METHODS.length);
  });

  it('a method without a sketch gets the generic supernet picture', () => {
    expect(sketchOf({})).toEqual(genericSketch());
    expectInBox('generic', genericSketch());
  });

  it('the bounds check sees a shape that leaves the box', () => {
    const b = shapeBounds({ kind: 'line', x1: 150, y1: 10, x2: 170, y2: 5, tone: 'muted' });
    expect(b.x[1]).toBeGreaterThan(SKETCH_W);
    expect(shapeBounds({ kind: 'circle', cx: 3, cy: 50, r: 5, tone: 'ok', fill: true }).x[0]).toBeLessThan(0);
  });
});
