import type { Shape, Sketch } from '../../core/method/sketch';

/** The landing card's picture: per layer, the channels ("atoms") still alive shrink as training goes on. */
export function atomnasSketch(): Sketch {
  const shapes: Shape[] = [];
  const alive = [0.9, 0.55, 0.75, 0.4, 0.62, 0.3, 0.5];
  alive.forEach((a, i) => {
    const x = 14 + i * 20;
    shapes.push({ kind: 'rect', x, y: 10, w: 14, h: 76, tone: 'grid', fill: true });
    shapes.push({ kind: 'rect', x, y: 86 - 76 * a, w: 14, h: 76 * a, tone: 'accent', fill: true });
  });
  return { alt: 'Bars per layer: the channels still alive, shrinking as the penalty removes unimportant ones', shapes };
}
