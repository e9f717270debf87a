/**
 * The saved-runs bundle: one versioned JSON file holding runs with their weights (base64), for moving runs between
 * browsers and devices. Import checks everything before anything is stored and names the problem: not JSON, not a
 * runs bundle, an unsupported version, a missing or wrong field (with its path), a damaged ArchSpec, weights that
 * are not base64 or whose length disagrees with model.json's manifest.
 */
import { z } from 'zod';
import { resultRecordSchema, type ResultRecord } from '../method/resultRecord';
import { validateArchSpec } from '../validateArchSpec';
import { decodeBase64, encodeBase64 } from './base64';
import type { SavedRun } from './savedRun';

export const BUNDLE_FORMAT = 'nas-playground-runs';
export const BUNDLE_VERSION = 1;

/** A bundle file that cannot be imported; the message names the problem. */
export class BundleError extends Error {
  override name = 'BundleError';
}

const measuredSchema = z.object({
  batch: z.number().int().positive(),
  medianMs: z.number().nonnegative(),
  madMs: z.number().nonnegative(),
  samples: z.number().int().nonnegative(),
  device: z.string(),
  backend: z.string(),
  date: z.string(),
});

const runSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  savedAt: z.string(),
  status: z.enum(['finished', 'interrupted', 'running']),
  method: z.string().min(1),
  settings: z.record(z.string(), z.unknown()),
  url: z.string().optional(),
  record: resultRecordSchema.nullable(),
  model: z.object({ modelJson: z.string(), weights: z.string() }).nullable(),
  measured: z.array(measuredSchema),
  importedFrom: z.string().optional(),
  parentId: z.string().optional(),
});

const bundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  exportedAt: z.string(),
  /** Device label of the exporting browser: imported runs are marked with it. */
  device: z.string(),
  runs: z.array(runSchema),
});

/** Serialise runs (weights as base64) into one bundle text. */
export function serializeBundle(runs: readonly SavedRun[], device: string, now = new Date().toISOString()): string {
  const out = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: now,
    device,
    runs: runs.map((r) => ({ ...r, model: r.model ? { modelJson: r.model.modelJson, weights: encodeBase64(new Uint8Array(r.model.weights)) } : null })),
  };
  return JSON.stringify(out);
}

/** A zod issue's path as a reader writes it: `runs[0].record.card`, or "(top level)". */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '(top level)';
}

/** Bytes the weights manifest of model.json promises (float32/int32: 4 bytes per value). */
function manifestBytes(modelJson: string, where: string): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(modelJson);
  } catch {
    throw new BundleError(`${where}.model.modelJson is not JSON`);
  }
  const groups = (parsed as { weightsManifest?: { weights?: { shape?: number[]; dtype?: string }[] }[] }).weightsManifest;
  if (!Array.isArray(groups)) throw new BundleError(`${where}.model.modelJson has no weightsManifest`);
  let bytes = 0;
  for (const g of groups)
    for (const w of g.weights ?? []) {
      if (!Array.isArray(w.shape) || (w.dtype && w.dtype !== 'float32' && w.dtype !== 'int32')) throw new BundleError(`${where}.model.modelJson has a weight entry this app cannot read`);
      bytes += 4 * w.shape.reduce((a, b) => a * b, 1);
    }
  return bytes;
}

/**
 * Parse and check a bundle text; every run comes back marked as imported from the bundle's device. Throws BundleError
 * (with the field path where there is one) and returns nothing partial.
 */
export function parseBundle(text: string): ParsedBundle {
  return parseBundleJson(parseJsonFile(text));
}

export type ParsedBundle = { runs: SavedRun[]; device: string; exportedAt: string };

/** JSON.parse with the import's message. Throws BundleError. */
export function parseJsonFile(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BundleError(`Not a JSON file: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** parseBundle on an already parsed value. */
export function parseBundleJson(json: unknown): ParsedBundle {
  const head = json as { format?: unknown; version?: unknown } | null;
  if (!head || typeof head !== 'object' || head.format !== BUNDLE_FORMAT)
    throw new BundleError(`Not a saved-runs bundle: "format" must be "${BUNDLE_FORMAT}"`);
  if (head.version !== BUNDLE_VERSION)
    throw new BundleError(`Unsupported bundle version ${JSON.stringify(head.version)}: this app reads version ${BUNDLE_VERSION}`);
  const res = bundleSchema.safeParse(json);
  if (!res.success) {
    const i = res.error.issues[0];
    throw new BundleError(`Field ${issuePath(i.path)}: ${i.message}`);
  }
  const b = res.data;
  const runs = b.runs.map((r, i): SavedRun => {
    const where = `runs[${i}]`;
    let record: ResultRecord | null = null;
    if (r.record) {
      try {
        validateArchSpec(r.record.archSpec);
      } catch (e) {
        throw new BundleError(`${where}.record.archSpec: ${e instanceof Error ? e.message : String(e)}`);
      }
      // The schema checks what the comparison reads; the rest of the record is carried as written.
      record = r.record as unknown as ResultRecord;
    }
    let model = null;
    if (r.model) {
      let bytes: Uint8Array;
      try {
        bytes = decodeBase64(r.model.weights);
      } catch (e) {
        throw new BundleError(`${where}.model.weights: ${e instanceof Error ? e.message : String(e)}`);
      }
      const want = manifestBytes(r.model.modelJson, where);
      if (want !== bytes.length) throw new BundleError(`${where}.model.weights: ${bytes.length} bytes, but model.json describes ${want}`);
      model = { modelJson: r.model.modelJson, weights: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
    }
    const status = r.status === 'running' ? 'interrupted' : r.status;
    return { ...r, status, record, model, importedFrom: r.importedFrom ?? b.device };
  });
  return { runs, device: b.device, exportedAt: b.exportedAt };
}
