/**
 * PAD-NAS supernet probe: training loss of the tiny preset's single-path supernet (uniform path sampling) on built-in
 * MNIST, the same recipe as PadNasRun's supernet stage (960 seeded training images, batch 32, SGD 0.9, cosine lr).
 *   npx tsx scripts/probe-padnas.ts [steps=200] [init=aligned|independent] [mode=random|fixed]
 * Prints the mean loss per 20 steps and the one-shot val accuracy (BN re-estimated) of three paths.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { setupCpuBackend } from '../src/cli/train';
import { initialSpace, sampleGenotype } from '../src/core/padnas/ops';
import { padnasPreset } from '../src/core/padnas/settings';
import { rngStream } from '../src/core/rng';
import { decodeBuiltin } from '../src/data/builtin';
import { limitTrain, mnistSplit } from '../src/data/split';
import { Trainer, type TrainConfig } from '../src/engine/trainer';
import { limitVal } from '../src/methods/padnas/budget';
import { SinglePathSupernet } from '../src/methods/padnas/supernet';

async function main(): Promise<void> {
  const steps = Number(process.argv[2] ?? 200);
  const aligned = (process.argv[3] ?? 'aligned') === 'aligned';
  const mode = process.argv[4] ?? 'random';
  await setupCpuBackend();
  const dataPath = fileURLToPath(new URL('../public/data/mnist-10k.bin', import.meta.url));
  const dataset = decodeBuiltin('mnist-10k.bin', new Uint8Array(await readFile(dataPath)));
  const s = padnasPreset('tiny');
  const data = { dataset, split: limitVal(limitTrain(mnistSplit(dataset.n), s.trainLimit), s.valLimit) };
  const skeleton = { input: { height: dataset.height, width: dataset.width, channels: dataset.channels }, numClasses: dataset.numClasses, width: s.width, tiny: s.tiny };
  const space = initialSpace(s.width, s.ops);
  const sn = new SinglePathSupernet(skeleton, space, rngStream(s.seed, 'init'), aligned);
  const epochs = Math.ceil(steps / Math.ceil(s.trainLimit / s.batchSize));
  const cfg: TrainConfig = { epochs, batchSize: s.batchSize, lr: s.lr, optimizer: 'sgd', schedule: 'cosine', weightDecay: s.weightDecay, labelSmoothing: s.labelSmoothing, seed: s.seed, recalibrateBatches: s.bnRecalBatches };
  const trainer = new Trainer(sn.net, data, cfg, { forward: sn.forward, trainableNames: () => sn.pathNames(sn.path) });
  const evalTrainer = new Trainer(sn.net, data, cfg, { forward: sn.forward });
  const rng = rngStream(s.seed, 'path');
  console.log(`${aligned ? 'aligned' : 'independent'} init, ${mode} paths, ${steps} steps`);
  let sum = 0;
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    sn.path = mode === 'fixed' ? space.map((o) => o[0]) : sampleGenotype(space, () => rng.next());
    sum += (await trainer.trainStep()).loss;
    if ((i + 1) % 20 === 0) {
      console.log(`steps ${i - 18}-${i + 1}: mean loss ${(sum / 20).toFixed(3)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      sum = 0;
    }
  }
  for (const g of [space.map((o) => o[0]), space.map((o) => o[o.length - 1]), sampleGenotype(space, () => rng.next())]) {
    sn.path = g;
    console.log(`one-shot ${g.join('-')}: ${(100 * (await evalTrainer.evaluate('val', { bnRecalibrate: true })).accuracy).toFixed(1)}%`);
  }
  trainer.dispose();
  evalTrainer.dispose();
  sn.dispose();
}
void main();
