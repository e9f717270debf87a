/** A saved run's network as downloadable files: tfjs LayersModel, ONNX (opset 13) or PyTorch source, + archspec.json. */
import { ONNX_OPSET, toOnnx } from '../../core/export/onnx';
import { toPytorch } from '../../core/export/pytorch';
import type { ArchSpec } from '../../core/archspec';
import type { DownloadFile } from './download';

export type ModelFormat = 'tfjs' | 'onnx' | 'pytorch';

export const FORMAT_LABELS: Record<ModelFormat, string> = {
  tfjs: 'TensorFlow.js (model.json + weights)',
  onnx: `ONNX (opset ${ONNX_OPSET})`,
  pytorch: 'PyTorch (model.py + train_ddp.py)',
};

const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);

/** Files of one format; the trained weights are needed for tfjs and ONNX (PyTorch source starts from a fresh init). */
export function modelFiles(
  format: ModelFormat,
  spec: ArchSpec,
  model: { modelJson: string; weights: ArrayBuffer } | null,
  settings: Record<string, unknown> = {},
): DownloadFile[] {
  const archspec: DownloadFile = { name: 'archspec.json', data: JSON.stringify(spec, null, 2), type: 'application/json' };
  if (format === 'pytorch') {
    const py = toPytorch(spec, { epochs: num(settings.epochs, 30), batchSize: num(settings.batchSize, 128), lr: num(settings.lr, 0.05), seed: num(settings.seed, 1) });
    return [
      { name: 'model.py', data: py['model.py'], type: 'text/x-python' },
      { name: 'train_ddp.py', data: py['train_ddp.py'], type: 'text/x-python' },
      archspec,
    ];
  }
  if (!model) throw new Error('This run has no saved weights (it trained no step, or it came from a result record without its run.bundle.json): only the PyTorch source can be exported.');
  if (format === 'onnx') {
    const bytes = toOnnx(JSON.parse(model.modelJson) as Parameters<typeof toOnnx>[0], model.weights);
    return [{ name: 'model.onnx', data: bytes as BlobPart, type: 'application/octet-stream' }, archspec];
  }
  return [
    { name: 'model.json', data: model.modelJson, type: 'application/json' },
    { name: 'model.weights.bin', data: model.weights, type: 'application/octet-stream' },
    archspec,
  ];
}
