/**
 * What Compare's "Import runs" reads: a saved-runs bundle (bundle.ts: runs with their weights, from the app's Export
 * runs or the CLI's `--export DIR`, which writes `run.bundle.json`), or one result record as the CLI's `--out` writes it
 * (no weights: the run joins the table and the scatter, Retrain with one recipe works from its ArchSpec, and measuring
 * or exporting its network needs the bundle). Everything is checked before anything is stored; the message names the
 * problem, and for a record the field.
 */
import { resultRecordSchema, type ResultRecord } from '../method/resultRecord';
import { validateArchSpec } from '../validateArchSpec';
import { BUNDLE_FORMAT, BundleError, issuePath, parseBundleJson, parseJsonFile } from './bundle';
import { finishedRun, type SavedRun } from './savedRun';

/**
 * Where a record's run comes from, as Compare marks imported runs and keeps their latency apart ("CLI, tfjs cpu"): the
 * device of the CLI's run.bundle.json too.
 */
export function recordOrigin(record: ResultRecord): string {
  return `${record.card.command ? 'CLI' : 'record file'}, tfjs ${record.card.backend}`;
}

function looksLikeRecord(json: unknown): boolean {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return false;
  const o = json as Record<string, unknown>;
  return o.format === undefined && 'runId' in o && 'card' in o && 'archSpec' in o;
}

/** One result record as a finished saved run without weights, marked as imported. Throws BundleError. */
function parseRecordFile(json: unknown, now: string): SavedRun {
  const res = resultRecordSchema.safeParse(json);
  if (!res.success) {
    const i = res.error.issues[0];
    throw new BundleError(`A result record, but field ${issuePath(i.path)}: ${i.message}`);
  }
  const record = res.data as unknown as ResultRecord;
  try {
    validateArchSpec(record.archSpec);
  } catch (e) {
    throw new BundleError(`A result record, but its archSpec: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { ...finishedRun(record, null, now), importedFrom: recordOrigin(record) };
}

/**
 * Parse an import file: a bundle (every run with its weights) or one result record (one run, no weights). Throws
 * BundleError naming the problem and returns nothing partial.
 */
export function parseRunsFile(text: string, now = new Date().toISOString()): { runs: SavedRun[]; kind: 'bundle' | 'record' } {
  const json = parseJsonFile(text);
  if (looksLikeRecord(json)) return { runs: [parseRecordFile(json, now)], kind: 'record' };
  const head = json as { format?: unknown } | null;
  if (!head || typeof head !== 'object' || head.format !== BUNDLE_FORMAT)
    throw new BundleError(`Neither a saved-runs bundle ("format" must be "${BUNDLE_FORMAT}") nor a result record (runId, card, archSpec…)`);
  return { runs: parseBundleJson(json).runs, kind: 'bundle' };
}
