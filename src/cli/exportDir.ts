/**
 * `--export DIR` for `train` and `search`: the trained result network as the stock tfjs LayersModel (model.json +
 * model.weights.bin), ONNX (model.onnx, opset 13), PyTorch source (model.py + train_ddp.py) and archspec.json, and
 * the run with its weights as a saved-runs bundle (run.bundle.json) that the app's Compare screen imports: the CLI's
 * run then sits beside the browser's, and can be measured on the device and exported from there.
 * The folder is created if missing and checked writable before any training.
 */
import { access, constants, mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toOnnx } from '../core/export/onnx';
import { toPytorch } from '../core/export/pytorch';
import type { ResultRecord } from '../core/method/resultRecord';
import { serializeBundle } from '../core/runs/bundle';
import { recordOrigin } from '../core/runs/runsFile';
import { finishedRun } from '../core/runs/savedRun';
import { exportArtifacts } from '../engine/export';
import type { Network } from '../engine/network';
import { UsageError } from './args';
import type { CliIo } from './commands';

export const EXPORT_FLAG = {
  name: 'export',
  type: 'string',
  help: 'write the trained network here as tfjs, ONNX and PyTorch, plus archspec.json and run.bundle.json (the run with its weights, for the app\'s Compare › Import runs) (a folder)',
} as const;

/** Create `dir` if needed and make sure files can be written in it (before any training). */
export async function checkExportDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
    await access(dir, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' ? 'not writable' : code === 'EEXIST' || code === 'ENOTDIR' ? 'a file is in the way' : e instanceof Error ? e.message : String(e);
    throw new UsageError(`--export ${dir}: cannot write there (${why}); nothing was run`);
  }
}

const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);

/** Write the six files; returns their names. */
export async function writeExportDir(dir: string, net: Network, record: ResultRecord, io: CliIo): Promise<string[]> {
  const a = await exportArtifacts(net);
  const s = record.card.settings;
  const py = toPytorch(a.archSpec, { epochs: num(s.epochs ?? s.finalEpochs, 30), batchSize: num(s.batchSize, 128), lr: num(s.lr, 0.05), seed: num(s.seed, 1) });
  const files: [string, string | Uint8Array][] = [
    ['model.json', JSON.stringify(a.modelJson)],
    ['model.weights.bin', new Uint8Array(a.weightData)],
    ['model.onnx', toOnnx(a.modelJson, a.weightData)],
    ['model.py', py['model.py']],
    ['train_ddp.py', py['train_ddp.py']],
    ['archspec.json', JSON.stringify(a.archSpec, null, 2) + '\n'],
    ['run.bundle.json', serializeBundle([finishedRun(record, { modelJson: JSON.stringify(a.modelJson), weights: a.weightData }, new Date().toISOString())], recordOrigin(record))],
  ];
  for (const [name, data] of files) await writeFile(join(dir, name), data);
  io.log(`exported to ${dir}: ${files.map(([n]) => n).join(', ')}`);
  return files.map(([n]) => n);
}
