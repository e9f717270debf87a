/**
 * A saved run (issue 14 §1): one finished Train run or search with its ResultRecord and the trained weights of its
 * result network (the stock tfjs LayersModel: model.json text + weights bytes), or a run that was started and never
 * finished (a reload or a closed tab), kept with its settings so that it can be started again.
 */
import type { ResultRecord } from '../method/resultRecord';

/** The trained result network as the app exports it (tfjs LayersModel). */
export interface SavedModel {
  /** model.json text (topology + weights manifest). */
  modelJson: string;
  /** model.weights.bin bytes. */
  weights: ArrayBuffer;
}

/** End-to-end latency measured on a device (LATENCY.md protocol: median of n ≥ 21 timed runs). */
export interface MeasuredLatency {
  /** Batch size measured. */
  batch: number;
  medianMs: number;
  madMs: number;
  samples: number;
  /** Device label (adapter vendor/architecture or backend). */
  device: string;
  backend: string;
  /** ISO date of the measurement. */
  date: string;
}

export type SavedRunStatus = 'finished' | 'interrupted' | 'running';

export interface SavedRun {
  /** Storage key: the run id of the record (or of the started run). */
  id: string;
  /** User-editable name (defaults to the method label and date). */
  name: string;
  /** ISO date the entry was written. */
  savedAt: string;
  status: SavedRunStatus;
  /** 'train' or a method id. */
  method: string;
  /** Settings the run started with (kept for an interrupted run so it can be started again). */
  settings: Record<string, unknown>;
  /** The app's link with those settings (restarts the run's screen with them). */
  url?: string;
  record: ResultRecord | null;
  /** The result network's weights. Null in the repository's list, which leaves the weights in storage: see `hasModel`. */
  model: SavedModel | null;
  /** Set in the repository's list (state/runRepo.ts): whether weights are stored for this run (`get` reads them). */
  hasModel?: boolean;
  /** Measurements on this device (or on the exporting device, for an imported run). */
  measured: MeasuredLatency[];
  /** Set on runs read from a bundle: the device label of the exporting device. Their latency is never mixed in. */
  importedFrom?: string;
  /** A retrained run: the saved run whose ArchSpec it retrained. */
  parentId?: string;
}

/** A default display name: "Random search · 2026-11-29 21:58". */
export function defaultRunName(label: string, iso: string): string {
  return `${label} · ${iso.slice(0, 16).replace('T', ' ')}`;
}

/** The saved entry of a finished record. */
export function finishedRun(record: ResultRecord, model: SavedModel | null, now: string, parentId?: string): SavedRun {
  return {
    id: record.runId,
    name: defaultRunName(record.label, record.card.date || now),
    savedAt: now,
    status: 'finished',
    method: record.method,
    settings: record.card.settings,
    url: record.card.url,
    record,
    model,
    measured: [],
    ...(parentId ? { parentId } : {}),
  };
}
