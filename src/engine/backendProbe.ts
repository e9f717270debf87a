/**
 * The workload the backend choice times (core/backendChoice.ts, issue 15 §6): training steps of the baseline network
 * ×0.25 (tiny) on 28×28 synthetic images, batch 16, with the Train recipe's optimizer, on the backend already active.
 * The first step (which compiles the backend's programs) is reported apart from the later ones. Runs in a throwaway
 * worker that the main thread terminates when the backend's share of the time limit is spent, so nothing here needs a
 * deadline of its own.
 */
import { rngStream } from '../core/rng';
import { baselineSpec } from '../core/skeleton';
import type { Dataset, DataSplit } from '../data/dataset';
import { buildNetwork } from './network';
import { Trainer } from './trainer';

const SIZE = 28;
const CLASSES = 10;
const BATCH = 16;
const IMAGES = 96;

/** Random 28×28 digits-sized images (the timing does not depend on what they show). */
function probeData(): { dataset: Dataset; split: DataSplit } {
  const rng = rngStream(1, 'backend-probe');
  const images = new Uint8Array(IMAGES * SIZE * SIZE);
  for (let i = 0; i < images.length; i++) images[i] = Math.floor(rng.next() * 256);
  const labels = Uint8Array.from({ length: IMAGES }, () => rng.int(CLASSES));
  const all = Uint32Array.from({ length: IMAGES }, (_, k) => k);
  return {
    dataset: { name: 'backend-probe', source: 'builtin', n: IMAGES, height: SIZE, width: SIZE, channels: 1, numClasses: CLASSES, images, labels },
    split: { seed: 1, train: all, val: all.subarray(0, BATCH), test: all.subarray(0, BATCH) },
  };
}

/**
 * Train 1 + `timedSteps` steps; `onStep(index, ms)` is called after each (index 0 is the first step). Frees everything
 * it made, also when a step throws.
 */
export async function runProbeSteps(timedSteps: number, onStep: (index: number, ms: number) => void): Promise<number[]> {
  const data = probeData();
  const spec = baselineSpec({ width: 0.25, tiny: true, input: { height: SIZE, width: SIZE, channels: 1 }, numClasses: CLASSES });
  const net = buildNetwork(spec, rngStream(1, 'init'));
  const trainer = new Trainer(net, data, {
    epochs: 1000,
    batchSize: BATCH,
    lr: 0.05,
    optimizer: 'sgd',
    momentum: 0.9,
    schedule: 'constant',
    weightDecay: 5e-5,
    labelSmoothing: 0.1,
    seed: 1,
  });
  const times: number[] = [];
  try {
    for (let i = 0; i <= timedSteps; i++) {
      const t0 = performance.now();
      await trainer.trainStep();
      const ms = performance.now() - t0;
      times.push(ms);
      onStep(i, ms);
    }
    return times;
  } finally {
    trainer.dispose();
    net.dispose();
  }
}
