/**
 * `train`: train one ArchSpec on the built-in MNIST with the Trainer (tfjs CPU backend), evaluate on val every epoch
 * and on test at the end, and write a JSON result.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import type { ArchSpec } from '../core/archspec';
import { archCosts, validateArchSpec } from '../core/costs';
import { rngStream } from '../core/rng';
import { baselineSpec } from '../core/skeleton';
import { decodeBuiltin } from '../data/builtin';
import type { Dataset, DataSplit } from '../data/dataset';
import { limitTrain, mnistSplit } from '../data/split';
import { initBackend, type BackendInfo } from '../engine/backend';
import { installFastCpuKernels } from '../engine/cpuKernels';
import { buildNetwork } from '../engine/network';
import { Trainer, type TrainConfig } from '../engine/trainer';
import { type FlagSpec, type FlagValue, UsageError } from './args';
import type { CliCommand, CliIo } from './commands';
import { ProgressTicker } from './progress';

const DEFAULT_DATA = fileURLToPath(new URL('../../public/data/mnist-10k.bin', import.meta.url));

/** Flags of `train`; defaults are the recipe that reaches ≥ 97 % test accuracy in 5 epochs (README). */
export const TRAIN_FLAGS: readonly FlagSpec[] = [
  { name: 'arch', type: 'string', default: 'baseline', help: "'baseline' or the path of an ArchSpec JSON file" },
  { name: 'width', type: 'number', default: 1, min: 0.25, max: 4, help: 'baseline width multiplier' },
  { name: 'tiny', type: 'boolean', default: false, help: 'baseline with stem stride 2 (~4× fewer MACs)' },
  { name: 'epochs', type: 'int', default: 5, min: 1, max: 1000, help: 'training epochs' },
  { name: 'seed', type: 'int', default: 1, min: 0, max: 4294967295, help: 'seed of the init and data-order streams' },
  { name: 'batch', type: 'int', default: 64, min: 1, max: 4096, help: 'minibatch size' },
  { name: 'lr', type: 'number', default: 0.1, min: 0, max: 10, minExclusive: true, help: 'peak learning rate' },
  { name: 'optimizer', type: 'enum', default: 'sgd', choices: ['sgd', 'rmsprop', 'adam'], help: 'optimizer' },
  { name: 'momentum', type: 'number', default: 0.9, min: 0, max: 0.999, help: 'SGD/RMSprop momentum' },
  { name: 'nesterov', type: 'boolean', default: true, help: 'Nesterov momentum (SGD)' },
  { name: 'schedule', type: 'enum', default: 'cosine', choices: ['cosine', 'exponential', 'constant'], help: 'LR schedule' },
  { name: 'warmup', type: 'int', default: 100, min: 0, max: 1000000, help: 'linear warm-up steps' },
  { name: 'wd', type: 'number', default: 4e-5, min: 0, max: 0.1, help: 'L2 weight decay (PyTorch convention)' },
  { name: 'label-smoothing', type: 'number', default: 0.1, min: 0, max: 0.5, help: 'label smoothing ε' },
  { name: 'train-limit', type: 'int', min: 1, max: 10000000, help: 'train on a seeded random subset of N training examples (quick runs)' },
  { name: 'data', type: 'string', help: 'built-in dataset file (default public/data/mnist-10k.bin)' },
  { name: 'out', type: 'string', help: 'write the JSON result here' },
];

/** Everything `train` needs, resolved from flags (pure). */
export interface TrainSettings {
  arch: string;
  width: number;
  tiny: boolean;
  trainLimit?: number;
  dataPath: string;
  out?: string;
  train: TrainConfig;
}

/** Map parsed flags to settings (pure; flags were range-checked by parseFlags). */
export function trainSettingsFromFlags(f: Record<string, FlagValue>): TrainSettings {
  const optimizer = f.optimizer as TrainConfig['optimizer'];
  return {
    arch: f.arch as string,
    width: f.width as number,
    tiny: f.tiny as boolean,
    trainLimit: f['train-limit'] as number | undefined,
    dataPath: (f.data as string | undefined) ?? DEFAULT_DATA,
    out: f.out as string | undefined,
    train: {
      epochs: f.epochs as number,
      batchSize: f.batch as number,
      lr: f.lr as number,
      optimizer,
      momentum: f.momentum as number,
      nesterov: optimizer === 'sgd' && (f.nesterov as boolean),
      schedule: f.schedule as TrainConfig['schedule'],
      warmupSteps: f.warmup as number,
      weightDecay: f.wd as number,
      labelSmoothing: f['label-smoothing'] as number,
      seed: f.seed as number,
    },
  };
}

async function loadSpec(s: TrainSettings, ds: Dataset): Promise<ArchSpec> {
  const input = { height: ds.height, width: ds.width, channels: ds.channels };
  if (s.arch === 'baseline') return baselineSpec({ input, numClasses: ds.numClasses, width: s.width, tiny: s.tiny });
  if (!s.arch.endsWith('.json')) throw new UsageError(`--arch must be 'baseline' or a path ending in .json, got '${s.arch}'`);
  const spec = validateArchSpec(JSON.parse(await readFile(s.arch, 'utf8')) as unknown);
  const { height, width, channels } = spec.input;
  if (height !== ds.height || width !== ds.width || channels !== ds.channels || spec.numClasses !== ds.numClasses) {
    throw new UsageError(`--arch ${s.arch} expects ${height}×${width}×${channels} inputs and ${spec.numClasses} classes; the data has ${ds.height}×${ds.width}×${ds.channels} and ${ds.numClasses}`);
  }
  return spec;
}

/** CPU backend for Node, without tfjs's "install tfjs-node" banner, with the fast CPU kernels. */
export async function setupCpuBackend(): Promise<BackendInfo> {
  tf.enableProdMode(); // silences tfjs's Node banner (log.warn is muted in prod mode)
  const info = await initBackend(['cpu']);
  installFastCpuKernels();
  return info;
}

/**
 * The split `train` uses: the built-in split, its train part reduced to `trainLimit` examples by the same seeded random
 * subset as the app and AtomNAS (`limitTrain`), never a prefix (the built-in file is stored class by class).
 */
export function cliTrainSplit(dataset: Pick<Dataset, 'n'>, trainLimit: number | undefined): DataSplit {
  return limitTrain(mnistSplit(dataset.n), trainLimit ?? 0);
}

/** Run `train` with resolved settings; returns the JSON result. */
export async function runTrain(s: TrainSettings, io: CliIo, commandLine: string): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const backend = await setupCpuBackend();
  const dataset = decodeBuiltin(s.dataPath.split(/[\\/]/).pop() ?? 'data', new Uint8Array(await readFile(s.dataPath)));
  const split = cliTrainSplit(dataset, s.trainLimit);
  const spec = await loadSpec(s, dataset);
  const costs = archCosts(spec);
  const net = buildNetwork(spec, rngStream(s.train.seed, 'init'));
  const trainer = new Trainer(net, { dataset, split }, s.train);
  io.log(
    `train ${spec.name}: ${(costs.macs / 1e6).toFixed(2)} M MACs, ${costs.params} params; ${split.train.length} train / ` +
      `${split.val.length} val / ${split.test.length} test; ${trainer.stepsPerEpoch} steps/epoch on tfjs ${backend.backend}`,
  );
  const history: { epoch: number; loss: number; valAccuracy: number; imagesPerSec: number; seconds: number }[] = [];
  const ticker = new ProgressTicker(trainer.stepsPerEpoch * s.train.epochs);
  try {
    for (let epoch = 0; epoch < s.train.epochs; epoch++) {
      const e0 = performance.now();
      let lossSum = 0;
      let images = 0;
      for (let i = 0; i < trainer.stepsPerEpoch; i++) {
        const info = await trainer.trainStep();
        const line = ticker.tick(trainer.stepIndex);
        if (line) io.log(line);
        lossSum += info.loss;
        images += info.images;
      }
      const trainSeconds = (performance.now() - e0) / 1000;
      const val = await trainer.evaluate('val');
      const seconds = (performance.now() - e0) / 1000;
      const row = { epoch: epoch + 1, loss: lossSum / trainer.stepsPerEpoch, valAccuracy: val.accuracy, imagesPerSec: images / trainSeconds, seconds };
      history.push(row);
      io.log(
        `epoch ${row.epoch}/${s.train.epochs}  loss ${row.loss.toFixed(4)}  val ${(100 * val.accuracy).toFixed(2)}%  ` +
          `${row.imagesPerSec.toFixed(0)} img/s  ${seconds.toFixed(1)} s`,
      );
    }
    const test = await trainer.evaluate('test');
    io.log(`test accuracy ${(100 * test.accuracy).toFixed(2)}% (${test.n} images)`);
    return {
      command: commandLine,
      arch: s.arch,
      seed: s.train.seed,
      backend: backend.backend,
      tfjsVersion: backend.tfjsVersion,
      dataset: { name: dataset.name, n: dataset.n, split: { seed: split.seed, train: split.train.length, val: split.val.length, test: split.test.length } },
      archSpec: spec,
      macs: costs.macs,
      params: costs.params,
      valAccuracy: history[history.length - 1]?.valAccuracy ?? null,
      testAccuracy: test.accuracy,
      history,
      wallSeconds: (performance.now() - t0) / 1000,
      settings: { ...s.train, width: s.width, tiny: s.tiny, trainLimit: s.trainLimit ?? null, bnMomentum: net.bnMomentum, bnEpsilon: net.bnEpsilon },
    };
  } finally {
    trainer.dispose();
    net.dispose();
  }
}

/** The `train` command. */
export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'train an architecture on the built-in MNIST (CPU) and report val/test accuracy',
  flags: TRAIN_FLAGS,
  async run(flags, io) {
    const settings = trainSettingsFromFlags(flags);
    const commandLine = ['train', ...Object.entries(flags).map(([k, v]) => `--${k} ${String(v)}`)].join(' ');
    const result = await runTrain(settings, io, commandLine);
    if (settings.out) {
      await writeFile(settings.out, JSON.stringify(result, null, 2) + '\n');
      io.log(`wrote ${settings.out}`);
    }
    return 0;
  },
};
