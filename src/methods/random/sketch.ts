import { sketchAxes, sketchRandom, type Shape, type Sketch } from '../../core/method/sketch';

/** The landing card's picture: candidates as dots (accuracy against cost) inside the allowed window, the best marked. */
export function randomSketch(): Sketch {
  const rnd = sketchRandom(3);
  const shapes: Shape[] = [...sketchAxes(), { kind: 'rect', x: 50, y: 8, w: 70, h: 78, tone: 'ok', fill: false }];
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
