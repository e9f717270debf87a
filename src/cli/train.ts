/**
 * `train`: train one ArchSpec on the built-in MNIST with the Trainer (tfjs CPU backend), evaluate on val every epoch
 * and on test at the end, and write a JSON result.
 */
import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import type { ArchSpec } from '../core/archspec';
import { archCosts, validateArchSpec } from '../core/costs';
import { rngStream } from '../core/rng';
import { baselineSpec } from '../core/skeleton';
import type { Dataset } from '../data/dataset';
import { limitTrain } from '../data/split';
import { initBackend, type BackendInfo } from '../engine/backend';
import { installFastCpuKernels } from '../engine/cpuKernels';
import { buildNetwork } from '../engine/network';
import { Trainer, type TrainConfig } from '../engine/trainer';
import { buildRecord } from '../core/method/buildRecord';
import { runCard } from '../core/method/card';
import type { HistoryRow, ResultRecord } from '../core/method/resultRecord';
import { presetConfig } from '../core/settings/group';
import { recipeOf, TRAIN_GROUP, type TrainSettings } from '../core/trainSettings';
import { fieldFlag, type FlagSpec, type FlagValue, UsageError } from './args';
import { cliHost, DATA_FLAGS, loadCliData, type CliData } from './data';
import { checkExportDir, EXPORT_FLAG, writeExportDir } from './exportDir';
import { checkWritable, writeJson } from './output';
import { cliCommandLine, type CliCommand, type CliIo } from './commands';
import { ProgressTicker } from './progress';
import { CHECKPOINT_FLAGS, checkpointFlags, readTrainCheckpoint, TrainCheckpointWriter, type CheckpointFlags, type TrainCheckpointMeta } from './trainCheckpoint';

/** Flags of `train`: the Train settings (core/trainSettings.ts, defaults = the full recipe that reaches the README figure). */
export const TRAIN_FLAGS: readonly FlagSpec[] = [
  { name: 'arch', type: 'string', default: 'baseline', help: "'baseline' or the path of an ArchSpec JSON file" },
  ...TRAIN_GROUP.fields.map((f) => fieldFlag(f, presetConfig(TRAIN_GROUP) as unknown as Record<string, unknown>)),
  ...DATA_FLAGS,
  { name: 'out', type: 'string', help: 'write the result record (JSON) here' },
  EXPORT_FLAG,
  ...CHECKPOINT_FLAGS,
];

/** Everything `train` needs, resolved from flags (pure). */
export interface CliTrainSettings {
  arch: string;
  out?: string;
  /** --export DIR: the trained network as tfjs, ONNX and PyTorch. */
  exportDir?: string;
  settings: TrainSettings;
  train: TrainConfig;
  /** --checkpoint FILE, --checkpoint-every N, --resume FILE. */
  checkpoint: CheckpointFlags;
}

/** Map parsed flags to settings (pure; flags were range-checked by parseFlags). */
export function trainSettingsFromFlags(f: Record<string, FlagValue>): CliTrainSettings {
  const settings = presetConfig(TRAIN_GROUP);
  const c = settings as unknown as Record<string, unknown>;
  for (const field of TRAIN_GROUP.fields) if (f[field.cli] !== undefined) c[field.key] = f[field.cli];
  return {
    arch: f.arch as string,
    out: f.out as string | undefined,
    exportDir: f.export as string | undefined,
    settings,
    train: recipeOf(settings),
    checkpoint: checkpointFlags(f),
  };
}

async function loadSpec(c: CliTrainSettings, ds: Dataset): Promise<ArchSpec> {
  const input = { height: ds.height, width: ds.width, channels: ds.channels };
  if (c.arch === 'baseline') return baselineSpec({ input, numClasses: ds.numClasses, width: c.settings.width, tiny: c.settings.tiny });
  if (!c.arch.endsWith('.json')) throw new UsageError(`--arch must be 'baseline' or a path ending in .json, got '${c.arch}'`);
  let text: string;
  try {
    text = await readFile(c.arch, 'utf8');
  } catch (e) {
    throw new Error(`--arch ${c.arch}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))})`);
  }
  let spec: ArchSpec;
  try {
    spec = validateArchSpec(JSON.parse(text) as unknown);
  } catch (e) {
    throw new Error(`--arch ${c.arch} is not a usable ArchSpec: ${e instanceof SyntaxError ? `not valid JSON (${e.message})` : e instanceof Error ? e.message : String(e)}`);
  }
  const { height, width, channels } = spec.input;
  if (height !== ds.height || width !== ds.width || channels !== ds.channels || spec.numClasses !== ds.numClasses) {
    throw new UsageError(`--arch ${c.arch} expects ${height}×${width}×${channels} inputs and ${spec.numClasses} classes; the data has ${ds.height}×${ds.width}×${ds.channels} and ${ds.numClasses}`);
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

/** Run `train` with resolved settings; returns its result record. With `--resume` it continues a checkpointed run. */
export async function runTrain(c: CliTrainSettings, data: CliData, io: CliIo, commandLine: string): Promise<ResultRecord> {
  const t0 = performance.now();
  const backend = await setupCpuBackend();
  const { dataset } = data;
  const resumed = c.checkpoint.resume ? await readTrainCheckpoint(c.checkpoint.resume, dataset) : null;
  if (resumed) {
    c = { ...c, arch: resumed.meta.arch, settings: resumed.meta.settings, train: recipeOf(resumed.meta.settings) };
  }
  const split = limitTrain(data.split, c.settings.trainLimit);
  const spec = resumed ? validateArchSpec(resumed.meta.spec) : await loadSpec(c, dataset);
  const costs = archCosts(spec);
  const net = buildNetwork(spec, rngStream(c.train.seed, 'init'));
  let trainer: Trainer;
  try {
    trainer = new Trainer(net, { dataset, split }, c.train);
    if (resumed) trainer.restore(resumed.checkpoint);
  } catch (e) {
    net.dispose();
    throw e;
  }
  io.log(
    `train ${spec.name}: ${(costs.macs / 1e6).toFixed(2)} M MACs, ${costs.params} params; ${split.train.length} train / ` +
      `${split.val.length} val / ${split.test.length} test; ${trainer.stepsPerEpoch} steps/epoch on tfjs ${backend.backend}`,
  );
  if (resumed) io.log(`resumed from ${c.checkpoint.resume} at step ${trainer.stepIndex} of ${trainer.totalSteps}`);
  const meta: TrainCheckpointMeta = resumed?.meta ?? {
    arch: c.arch,
    spec,
    settings: c.settings,
    data: { name: dataset.name, n: dataset.n, train: split.train.length },
    history: [],
    lastVal: null,
    epochLoss: 0,
    epochImages: 0,
    wallSeconds: 0,
  };
  const writer = c.checkpoint.file ? new TrainCheckpointWriter(c.checkpoint.file, c.checkpoint.every, io) : null;
  const history: HistoryRow[] = meta.history;
  const wallBefore = meta.wallSeconds;
  const ticker = new ProgressTicker(trainer.stepsPerEpoch * c.train.epochs);
  if (trainer.stepIndex > 0) ticker.resumedAt(trainer.stepIndex);
  try {
    const spe = trainer.stepsPerEpoch;
    for (let epoch = Math.floor(trainer.stepIndex / spe); epoch < c.train.epochs; epoch++) {
      const e0 = performance.now();
      while (trainer.stepIndex < (epoch + 1) * spe) {
        const info = await trainer.trainStep();
        const line = ticker.tick(trainer.stepIndex);
        if (line) io.log(line);
        meta.epochLoss += info.loss;
        meta.epochImages += info.images;
        meta.wallSeconds = wallBefore + (performance.now() - t0) / 1000;
        if (writer?.due(trainer.stepIndex) && trainer.stepIndex < (epoch + 1) * spe) await writer.write(trainer, meta);
      }
      const trainSeconds = (performance.now() - e0) / 1000;
      const val = await trainer.evaluate('val');
      const seconds = (performance.now() - e0) / 1000;
      const row = { epoch: epoch + 1, loss: meta.epochLoss / spe, valAccuracy: val.accuracy, imagesPerSec: meta.epochImages / trainSeconds, seconds };
      history.push(row);
      meta.lastVal = val.accuracy;
      meta.epochLoss = 0;
      meta.epochImages = 0;
      meta.wallSeconds = wallBefore + (performance.now() - t0) / 1000;
      io.log(
        `epoch ${row.epoch}/${c.train.epochs}  loss ${row.loss.toFixed(4)}  val ${(100 * val.accuracy).toFixed(2)}%  ` +
          `${row.imagesPerSec.toFixed(0)} img/s  ${seconds.toFixed(1)} s`,
      );
      if (writer) await writer.write(trainer, meta);
    }
    const test = await trainer.evaluate('test');
    io.log(`test accuracy ${(100 * test.accuracy).toFixed(2)}% (${test.n} images)`);
    const settings = { ...c.settings, arch: c.arch, bnMomentum: net.bnMomentum, bnEpsilon: net.bnEpsilon };
    const record = buildRecord({
      runId: `cli-train-${Date.now().toString(36)}`,
      method: 'train',
      label: c.arch === 'baseline' ? 'Train (hand-designed baseline)' : `Train (${c.arch})`,
      card: runCard(cliHost(backend, data), settings, {
        trainImages: split.train.length,
        wallSeconds: wallBefore + (performance.now() - t0) / 1000,
        command: commandLine,
      }),
      archSpec: spec,
      valAccuracy: meta.lastVal,
      testAccuracy: test.accuracy,
      history,
      profile: null,
    });
    if (c.exportDir) await writeExportDir(c.exportDir, net, record, io);
    return record;
  } finally {
    trainer.dispose();
    net.dispose();
  }
}

/** The `train` command. */
export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'train an architecture on the built-in MNIST (CPU) and report val/test accuracy; writes the result record',
  flags: TRAIN_FLAGS,
  async run(flags, io, argv) {
    const c = trainSettingsFromFlags(flags);
    const commandLine = cliCommandLine(argv);
    if (c.out) await checkWritable('out', c.out);
    if (c.exportDir) await checkExportDir(c.exportDir);
    if (c.checkpoint.file) await checkWritable('checkpoint', c.checkpoint.file);
    const data = await loadCliData(flags);
    const record = await runTrain(c, data, io, commandLine);
    if (c.out) {
      await writeJson(c.out, record);
      io.log(`wrote ${c.out}`);
    }
    return 0;
  },
};
