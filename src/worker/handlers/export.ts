/**
 * `model/export`: the latest trained network as model.json + model.weights.bin + its ArchSpec, checked before it
 * leaves: the files are loaded back with tf.loadLayersModel and must give the network's logits on up to 100 held-out
 * test images (the answer carries the largest difference so the UI can show it).
 */
import * as tf from '@tensorflow/tfjs';
import { checkExport, exportArtifacts } from '../../engine/export';
import { makeBatch } from '../../engine/batches';
import type { Network } from '../../engine/network';
import type { LoadedData } from '../context';
import type { HandlerTable } from '../registry';
import { Transfer } from '../registry';
import { resultOf } from '../resultSlot';

/** Images compared by the export check. */
const CHECK_IMAGES = 100;

/** Test images of the loaded dataset when they fit the network's input, else seeded random inputs of its shape. */
function checkInputs(net: Network, data: LoadedData | null): { x: tf.Tensor4D; source: 'test images' | 'random inputs' } {
  const { height, width, channels } = net.spec.input;
  const ds = data?.dataset;
  if (data && ds && ds.height === height && ds.width === width && ds.channels === channels && data.split.test.length > 0) {
    const b = makeBatch(ds, data.split.test, 0, Math.min(CHECK_IMAGES, data.split.test.length));
    b.y.dispose();
    return { x: b.x, source: 'test images' };
  }
  return { x: tf.randomUniform([CHECK_IMAGES, height, width, channels], 0, 1, 'float32', 1), source: 'random inputs' };
}

export const exportHandlers: HandlerTable = {
  'model/export': async (req, ctx) => {
    const model = resultOf(ctx, req.owner);
    if (!model || model.steps() < 1) throw new Error('Nothing to export yet: this screen has no trained result (train for at least one step first).');
    // toLayersModel copies the weights synchronously, so a training step cannot interleave with the copy.
    const a = await exportArtifacts(model.net);
    const { x, source } = checkInputs(model.net, ctx.data);
    let check;
    try {
      check = await checkExport(model.net, a, x, source);
    } finally {
      x.dispose();
    }
    const out = { modelJson: JSON.stringify(a.modelJson), weightData: a.weightData, archSpec: a.archSpec, check };
    return new Transfer(out, [a.weightData]);
  },
};
