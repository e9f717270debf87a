/**
 * What a Train run's checkpoint carries besides the trainer's state (issue 16 §1), pure: the worker writes it into
 * `train/checkpoint` bytes (engine/checkpointFile), the app reads it to offer "Resume" after a reload, a crash or a lost
 * GPU, and says which data the run needs when the loaded data is not it.
 */
import type { ArchSpec } from '../archspec';
import type { HistoryRow } from '../method/resultRecord';

export interface TrainResumeMeta {
  kind: 'train';
  runId: string;
  spec: ArchSpec;
  /** The Train settings the run started with. */
  settings: Record<string, unknown>;
  /** The data it trains on: a resumed run needs the same data loaded. */
  dataset: { name: string; n: number };
  history: HistoryRow[];
  lastVal: number | null;
  /** Loss sum and steps of the epoch in progress. */
  epochLoss: number;
  epochSteps: number;
  wallSeconds: number;
}

/** Why a checkpoint cannot resume on the loaded data (null: it can), in the project's words. */
export function resumeMetaProblem(meta: unknown, loaded: { name: string; n: number } | null): string | null {
  const m = meta as Partial<TrainResumeMeta> | null;
  if (!m || m.kind !== 'train' || !m.spec || !m.settings || !m.dataset || !Array.isArray(m.history)) {
    return 'The saved checkpoint is not one of a Train run (it may come from another version); start the run again instead.';
  }
  return dataProblem(m.dataset, loaded, 'trained');
}

/** Why a run that `verb` ("trained", "searched") on `want` cannot resume on the loaded data (null: it can). */
export function dataProblem(want: { name: string; n: number }, loaded: { name: string; n: number } | null, verb: string): string | null {
  if (!loaded) return `This run ${verb} on ${want.name} (${want.n} images): load that data first, then resume.`;
  if (loaded.name !== want.name || loaded.n !== want.n) {
    return (
      `This run ${verb} on ${want.name} (${want.n} images), but ${loaded.name} (${loaded.n} images) is loaded. ` +
      `Load ${want.name} again (the same files), then resume.`
    );
  }
  return null;
}
