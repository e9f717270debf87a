/**
 * Issue 15 §8, "accuracy of a 1-epoch baseline run stays within noise": the Train screen's quick network and recipe
 * (baseline ×0.5, tiny skeleton, 2,000 training images, batch 32, SGD Nesterov, cosine; no warm-up) trained for one epoch and evaluated on the validation split,
 * with the engine's WebGPU programs (`EnginePointwise`, the split-sum filter gradients) and with tfjs's programs for
 * the same ops (`setEngineConvKernels('off')`), same seeds, interleaved. Everything else (BN, optimizer, data order)
 * is the same code on both sides.
 */
import { rngStream } from '../core/rng';
import { baselineSpec } from '../core/skeleton';
import { recipeOf, TRAIN_GROUP } from '../core/trainSettings';
import { limitTrain } from '../data/split';
import { setEngineConvKernels } from '../engine/convGrads';
import { buildNetwork } from '../engine/network';
import { Trainer, type TrainConfig, type TrainData } from '../engine/trainer';

export interface AccuracyOptions {
  seeds: number[];
}

export interface AccuracyRun {
  seed: number;
  programs: 'engine' | 'tfjs';
  valAccuracy: number;
  finalLoss: number;
  steps: number;
  seconds: number;
}

export interface AccuracyRaw {
  spec: string;
  trainImages: number;
  batch: number;
  runs: AccuracyRun[];
}

/** The Train screen's quick preset (network, images, batch, optimizer). */
const QUICK = TRAIN_GROUP.presets.quick;
const TRAIN_IMAGES = QUICK.trainLimit;
const BATCH = QUICK.batchSize;

/** The quick recipe for one epoch, without its warm-up (100 steps: longer than the epoch's 63). */
function recipe(seed: number): TrainConfig {
  return { ...recipeOf(QUICK), epochs: 1, warmupSteps: 0, seed };
}

async function oneRun(data: TrainData, seed: number, programs: AccuracyRun['programs']): Promise<AccuracyRun> {
  setEngineConvKernels(programs === 'engine' ? 'auto' : 'off');
  const { dataset } = data;
  const spec = baselineSpec({ width: QUICK.width, tiny: QUICK.tiny, input: { height: dataset.height, width: dataset.width, channels: dataset.channels }, numClasses: dataset.numClasses });
  const net = buildNetwork(spec, rngStream(seed, 'init'));
  const trainer = new Trainer(net, { dataset, split: limitTrain(data.split, TRAIN_IMAGES) }, recipe(seed));
  const t0 = performance.now();
  try {
    const steps = Math.ceil(TRAIN_IMAGES / BATCH);
    let loss = NaN;
    for (let s = 0; s < steps; s++) loss = (await trainer.trainStep()).loss;
    const val = await trainer.evaluate('val');
    return { seed, programs, valAccuracy: val.accuracy, finalLoss: loss, steps, seconds: (performance.now() - t0) / 1000 };
  } finally {
    trainer.dispose();
    net.dispose();
    setEngineConvKernels('auto');
  }
}

/** Per seed: engine then tfjs programs on odd seeds, the other way round on even ones. */
export async function measureAccuracy(data: TrainData, o: AccuracyOptions, log: (s: string) => void = () => {}): Promise<AccuracyRaw> {
  const runs: AccuracyRun[] = [];
  for (const seed of o.seeds) {
    const order: AccuracyRun['programs'][] = seed % 2 === 1 ? ['engine', 'tfjs'] : ['tfjs', 'engine'];
    for (const programs of order) {
      const r = await oneRun(data, seed, programs);
      log(`accuracy: seed ${seed}, ${programs} programs: val ${(r.valAccuracy * 100).toFixed(1)} %, last loss ${r.finalLoss.toFixed(3)}, ${r.seconds.toFixed(0)} s`);
      runs.push(r);
    }
  }
  return { spec: 'baseline MB k3 e3 ×0.5 (tiny)', trainImages: TRAIN_IMAGES, batch: BATCH, runs };
}
