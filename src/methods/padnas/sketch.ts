import { sketchRandom, type Shape, type Sketch } from '../../core/method/sketch';

/** The landing card's picture: a grid of candidate ops per layer, the worst pruned away round by round. */
export function padnasSketch(): Sketch {
  const shapes: Shape[] = [];
  const rnd = sketchRandom(7);
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
