/**
 * A small static picture of a method's live view for the landing cards: a list of shapes in a 160×96 box (no d3, no
 * DOM), drawn by a pure function that each method keeps in its own folder (`methods/<id>/sketch.ts`, the descriptor's
 * `sketch`). A method without one gets the generic supernet picture, so every registered method's card has a picture.
 */

export const SKETCH_W = 160;
export const SKETCH_H = 96;

/** Colour roles, mapped to the theme's CSS variables by the renderer. */
export type Tone = 'accent' | 'ok' | 'warn' | 'muted' | 'grid';

export type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; tone: Tone; fill: boolean }
  | { kind: 'circle'; cx: number; cy: number; r: number; tone: Tone; fill: boolean }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; tone: Tone; dashed?: boolean };

export interface Sketch {
  /** What the picture shows, in words (the SVG's accessible name). */
  alt: string;
  shapes: Shape[];
}

/** A deterministic sequence in [0, 1) (the same picture on every load). */
export function sketchRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The two axes of a scatter picture (cost to the right, accuracy up). */
export const sketchAxes = (): Shape[] => [
  { kind: 'line', x1: 14, y1: 86, x2: 154, y2: 86, tone: 'muted' },
  { kind: 'line', x1: 14, y1: 86, x2: 14, y2: 8, tone: 'muted' },
];

/** Any method without its own picture: a supernet, several paths through each layer. */
export function genericSketch(): Sketch {
  const shapes: Shape[] = [];
  const cols = [20, 60, 100, 140];
  cols.forEach((cx, i) => {
    for (let k = 0; k < 3; k++) {
      const cy = 24 + k * 24;
      shapes.push({ kind: 'circle', cx, cy, r: 6, tone: 'accent', fill: k === 1 });
      if (i > 0) for (let j = 0; j < 3; j++) shapes.push({ kind: 'line', x1: cols[i - 1] + 6, y1: 24 + j * 24, x2: cx - 6, y2: cy, tone: 'grid' });
    }
  });
  return { alt: 'A supernet: several candidate operations per layer, one path chosen', shapes };
}

/** The picture of a method's card: its own sketch, else the generic one. */
export function sketchOf(method: { sketch?: () => Sketch }): Sketch {
  return method.sketch ? method.sketch() : genericSketch();
}

/** Where a shape reaches, for the check that every picture stays inside the box. */
export function shapeBounds(s: Shape): { x: [number, number]; y: [number, number] } {
  if (s.kind === 'rect') return { x: [s.x, s.x + s.w], y: [s.y, s.y + s.h] };
  if (s.kind === 'circle') return { x: [s.cx - s.r, s.cx + s.r], y: [s.cy - s.r, s.cy + s.r] };
  return { x: [Math.min(s.x1, s.x2), Math.max(s.x1, s.x2)], y: [Math.min(s.y1, s.y2), Math.max(s.y1, s.y2)] };
}
