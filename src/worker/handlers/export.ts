/** `model/export`: the latest trained network as model.json + model.weights.bin + its ArchSpec. */
import { exportArtifacts } from '../../engine/export';
import type { HandlerTable } from '../registry';
import { Transfer } from '../registry';

export const exportHandlers: HandlerTable = {
  'model/export': async (_req, ctx) => {
    const model = ctx.model;
    if (!model || model.steps() < 1) throw new Error('Nothing to export yet: train the network for at least one step first.');
    // toLayersModel copies the weights synchronously, so a training step cannot interleave with the copy.
    const a = await exportArtifacts(model.net);
    const out = { modelJson: JSON.stringify(a.modelJson), weightData: a.weightData, archSpec: a.archSpec };
    return new Transfer(out, [a.weightData]);
  },
};
