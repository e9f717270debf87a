import { describe, expect, it } from 'vitest';
import { describeCell, edgeLabel, glyphGeometry } from './cellGlyph';

const drawn = (name: string) => glyphGeometry(name, 100, 60)?.edges.map((e) => `${e.from}→${e.to} ${e.op}`);

describe('cell glyph geometry', () => {
  it('draws only the computed edges of a cell name, labelled by op', () => {
    expect(drawn('c3-zz3zzz')).toEqual(['0→3 dw3']);
    // 2→3 is zero: node 2 is a dead end, so 1→2 is off every input→output path and not drawn.
    expect(drawn('c6-5zip3z')).toEqual(['0→1 dw5', '0→3 id', '1→3 dw3']);
    // Nodes 1 and 2 lead nowhere: only 0→3 is computed, and they are drawn hollow.
    expect(drawn('c4-3p5zzz')).toEqual(['0→3 dw5']);
    expect(glyphGeometry('c4-3p5zzz', 100, 60)?.nodes.map((n) => n.live)).toEqual([true, false, false, true]);
  });

  it('puts the nodes on a line, chain edges straight, skips arched with their label at the arc middle', () => {
    const g = glyphGeometry('c2-i3753p', 100, 60)!;
    expect(g.e).toBe(2);
    expect(g.nodes.map((n) => Math.round(n.x))).toEqual([10, 37, 63, 90]);
    for (const n of g.nodes) expect(n.y).toBeCloseTo(34.8);
    const byEdge = Object.fromEntries(g.edges.map((e) => [`${e.from}→${e.to}`, e]));
    expect(Object.keys(byEdge)).toEqual(['0→1', '0→2', '0→3', '1→2', '1→3', '2→3']);
    expect(byEdge['0→1'].path).toMatch(/^M10,34\.8\d*L37,34\.8\d*$/);
    expect(byEdge['0→3'].path).toMatch(/^M10,34\.8\d*Q50,-25\.2\d* 90,34\.8\d*$/);
    expect(byEdge['0→1'].ly).toBeCloseTo(34.8);
    expect(byEdge['0→3'].ly).toBeCloseTo(4.8); // highest arc, still inside the box
    expect(byEdge['0→2'].ly).toBeLessThan(34.8);
    expect(byEdge['1→3'].ly).toBeGreaterThan(34.8); // below the line
    for (const e of g.edges) {
      expect(e.ly).toBeGreaterThan(0);
      expect(e.ly).toBeLessThan(60);
    }
    // No two labels on the same spot.
    expect(new Set(g.edges.map((e) => `${e.lx},${e.ly}`)).size).toBe(6);
  });

  it('returns null for a malformed or invalid name; words and labels for tooltips', () => {
    expect(glyphGeometry('k3e3', 10, 10)).toBeNull();
    expect(glyphGeometry('c3-zzzzzz', 10, 10)).toBeNull(); // no path to the output
    expect(glyphGeometry('c5-zz3zzz', 10, 10)).toBeNull(); // no such expansion
    expect(describeCell('c3-zz3zzz')).toBe('expand ×3; 0→3 depthwise 3×3');
    expect(describeCell('nope')).toContain('not a valid cell name');
    expect([edgeLabel('pw', false), edgeLabel('pw', true), edgeLabel('id', false)]).toEqual(['1', '1×1', '=']);
  });
});
