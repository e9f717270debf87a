/**
 * A small static picture of each method's live view for the landing cards, drawn by a pure function: a list of
 * shapes in a 160×96 box (no d3, no DOM), so a card needs no run and no screenshot. A method without its own sketch
 * (a newly registered one) gets the generic supernet picture, so every registered method has a card with a picture.
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
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const axes = (): Shape[] => [
  { kind: 'line', x1: 14, y1: 86, x2: 154, y2: 86, tone: 'muted' },
  { kind: 'line', x1: 14, y1: 86, x2: 14, y2: 8, tone: 'muted' },
];

/** AtomNAS: per layer, the channels ("atoms") still alive shrink as training goes on. */
function atomnas(): Sketch {
  const shapes: Shape[] = [];
  const alive = [0.9, 0.55, 0.75, 0.4, 0.62, 0.3, 0.5];
  alive.forEach((a, i) => {
    const x = 14 + i * 20;
    shapes.push({ kind: 'rect', x, y: 10, w: 14, h: 76, tone: 'grid', fill: true });
    shapes.push({ kind: 'rect', x, y: 86 - 76 * a, w: 14, h: 76 * a, tone: 'accent', fill: true });
  });
  return { alt: 'Bars per layer: the channels still alive, shrinking as the penalty removes unimportant ones', shapes };
}

/** PAD-NAS: a grid of candidate ops per layer, the worst pruned away round by round, inside a latency window. */
function padnas(): Sketch {
  const shapes: Shape[] = [];
  const rnd = lcg(7);
  for (let layer = 0; layer < 8; layer++) {
    for (let op = 0; op < 5; op++) {
      const pruned = rnd() < 0.25 + layer * 0.06;
      const x = 12 + layer * 18;
      const y = 10 + op * 15;
      shapes.push({ kind: 'rect', x, y, w: 13, h: 11, tone: pruned ? 'grid' : 'accent', fill: !pruned });
      if (pruned) shapes.push({ kind: 'line', x1: x, y1: y, x2: x + 13, y2: y + 11, tone: 'muted' });
    }
  }
  return { alt: 'A grid of candidate operations per layer; crossed-out cells are pruned from the search space', shapes };
}

/** Random search: candidates as dots (accuracy against cost) inside the allowed window, the best one marked. */
function random(): Sketch {
  const rnd = lcg(3);
  const shapes: Shape[] = [...axes(), { kind: 'rect', x: 50, y: 8, w: 70, h: 78, tone: 'ok', fill: false }];
  let best = { cx: 0, cy: 99 };
  for (let i = 0; i < 14; i++) {
    const cx = 55 + rnd() * 60;
    const cy = 20 + rnd() * 55;
    if (cy < best.cy) best = { cx, cy };
    shapes.push({ kind: 'circle', cx, cy, r: 2.5, tone: 'accent', fill: true });
  }
  shapes.push({ kind: 'circle', cx: best.cx, cy: best.cy, r: 5.5, tone: 'warn', fill: false });
  return { alt: 'Dots for sampled networks, accuracy against cost inside the allowed window; the best is circled', shapes };
}

/** Efficient Global NAS: macro (stage depth and width) first, then the cells of each stage. */
function egnas(): Sketch {
  const shapes: Shape[] = [];
  const stages = [
    { w: 18, d: 2 },
    { w: 26, d: 3 },
    { w: 34, d: 2 },
    { w: 40, d: 4 },
  ];
  let x = 8;
  for (const s of stages) {
    shapes.push({ kind: 'rect', x, y: 14, w: s.w, h: 30, tone: 'accent', fill: true });
    for (let j = 0; j < s.d; j++) shapes.push({ kind: 'rect', x: x + 1, y: 52 + j * 9, w: s.w - 2, h: 6, tone: 'ok', fill: true });
    x += s.w + 4;
  }
  shapes.push({ kind: 'line', x1: 8, y1: 48, x2: x - 4, y2: 48, tone: 'muted', dashed: true });
  return { alt: 'Stages of the network: first their width and depth (macro), then the cells inside each stage (micro)', shapes };
}

/** AutoSpace-style: a population of cells per layer, the fittest kept (the learned space). */
function autospace(): Sketch {
  const shapes: Shape[] = [];
  const rnd = lcg(11);
  for (let layer = 0; layer < 6; layer++) {
    const cx = 18 + layer * 25;
    for (let k = 0; k < 5; k++) {
      const fit = rnd();
      shapes.push({ kind: 'circle', cx, cy: 14 + k * 17, r: 3 + fit * 4, tone: k < 2 ? 'accent' : 'muted', fill: k < 2 });
    }
    if (layer > 0) shapes.push({ kind: 'line', x1: cx - 25, y1: 14, x2: cx, y2: 14, tone: 'accent' });
  }
  return { alt: 'A population of cells per layer, sized by fitness; the top ones in each layer form the learned space', shapes };
}

/** Any other method: a supernet, several paths through each layer. */
function generic(): Sketch {
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

const SKETCHES: Record<string, () => Sketch> = { atomnas, padnas, random, egnas, autospace };

/** The picture for a method id (the generic supernet when the method has no sketch of its own). */
export function methodSketch(id: string): Sketch {
  return (SKETCHES[id] ?? generic)();
}
