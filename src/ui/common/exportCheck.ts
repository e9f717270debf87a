/** Words for the export self-check (the downloaded files reloaded with tf.loadLayersModel against the network). */
import type { ExportedModel } from '../../worker/protocol';

/** Largest logit difference accepted as "the same predictions". */
export const EXPORT_TOLERANCE = 1e-4;

export function describeExportCheck(check: ExportedModel['check']): { ok: boolean; text: string } {
  const ok = check.maxAbsDiff <= EXPORT_TOLERANCE;
  const diff = check.maxAbsDiff === 0 ? '0' : check.maxAbsDiff.toExponential(1);
  return ok
    ? { ok, text: `Exported. Reloaded with tf.loadLayersModel, the files give the same logits on ${check.images} ${check.source} (max |Δ| = ${diff}).` }
    : {
        ok,
        text: `Exported, but the reloaded files differ from the network by up to ${diff} on ${check.images} ${check.source} (more than ${EXPORT_TOLERANCE}). Please report this with the archspec.json.`,
      };
}
