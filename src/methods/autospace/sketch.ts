import { sketchRandom, type Shape, type Sketch } from '../../core/method/sketch';

/** The landing card's picture: a population of cells per searched slot, the fittest kept (the learned space). */
export function autospaceSketch(): Sketch {
  const shapes: Shape[] = [];
  const rnd = sketchRandom(11);
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
