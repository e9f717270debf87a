import type { Shape, Sketch } from '../../core/method/sketch';

const chain = (shapes: Shape[], y: number, layers: number, h: number, tone: (j: number) => Shape['tone'] = () => 'accent'): void => {
  for (let j = 0; j < layers; j++) shapes.push({ kind: 'rect', x: 8 + j * 12, y, w: 9, h, tone: tone(j), fill: true });
};

const budget = (shapes: Shape[], y: number, w: number): void => {
  shapes.push({ kind: 'rect', x: 78, y, w, h: 4, tone: 'ok', fill: true });
};

/**
 * The landing card's picture: the macro search grows the chain one layer at a time (each candidate with a longer
 * training budget, the green bars), then makes it thinner (budget growing again), then the micro search swaps single
 * layers' operations (SepConv → Conv, orange) at the same parameter count.
 */
export function egnasSketch(): Sketch {
  const shapes: Shape[] = [];
  [3, 4, 5].forEach((layers, i) => {
    chain(shapes, 6 + i * 11, layers, 8);
    budget(shapes, 8 + i * 11, 14 + 8 * i);
  });
  shapes.push({ kind: 'line', x1: 6, y1: 40, x2: 154, y2: 40, tone: 'grid', dashed: true });
  chain(shapes, 44, 5, 12);
  budget(shapes, 48, 38);
  chain(shapes, 59, 5, 8);
  budget(shapes, 61, 54);
  shapes.push({ kind: 'line', x1: 6, y1: 72, x2: 154, y2: 72, tone: 'grid', dashed: true });
  chain(shapes, 77, 5, 10, (j) => (j === 1 || j === 3 ? 'warn' : 'accent'));
  return {
    alt: 'A chain of layers growing one layer deeper per candidate while its training budget grows, then getting thinner, then single layers swapping their operation',
    shapes,
  };
}
