/**
 * `train --checkpoint FILE [--checkpoint-every N]` and `train --resume FILE` (issue 16 §1, §6): the run's full training
 * state (engine/trainer checkpoint: weights, BN statistics, keyed optimizer state, batch order and random streams) plus
 * what the CLI needs to rebuild it (ArchSpec, settings, history so far) is written atomically every N steps and at
 * every epoch end. A resumed run continues bit for bit where the uninterrupted one would be (CPU backend).
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { ArchSpec } from '../core/archspec';
import type { HistoryRow } from '../core/method/resultRecord';
import { validateConfig } from '../core/settings/group';
import { TRAIN_GROUP, type TrainSettings } from '../core/trainSettings';
import type { Dataset } from '../data/dataset';
import { CheckpointFileError, decodeCheckpoint, encodeCheckpoint, type CheckpointFile } from '../core/runs/checkpointFile';
import type { Trainer, TrainerCheckpoint } from '../engine/trainer';
import { UsageError, type FlagSpec, type FlagValue } from './args';
import type { CliIo } from './commands';

export const CHECKPOINT_FLAGS: readonly FlagSpec[] = [
  { name: 'checkpoint', type: 'string', help: 'write the training state here every --checkpoint-every steps and at each epoch end (resume with --resume)' },
  { name: 'checkpoint-every', type: 'int', min: 1, max: 1_000_000, default: 100, help: 'steps between checkpoints (default 100)' },
  { name: 'resume', type: 'string', help: 'continue the run saved in this checkpoint (settings and architecture come from it; give the same data flags)' },
];

export interface CheckpointFlags {
  file?: string;
  every: number;
  resume?: string;
}

export function checkpointFlags(f: Record<string, FlagValue>): CheckpointFlags {
  return { file: f.checkpoint as string | undefined, every: (f['checkpoint-every'] as number | undefined) ?? 100, resume: f.resume as string | undefined };
}

/** What a CLI training checkpoint carries besides the trainer's state. */
export interface TrainCheckpointMeta {
  arch: string;
  spec: ArchSpec;
  settings: TrainSettings;
  /** The data it was trained on (checked on resume). */
  data: { name: string; n: number; train: number };
  history: HistoryRow[];
  lastVal: number | null;
  /** Loss sum and images of the epoch in progress (so its history row comes out as the uninterrupted run's). */
  epochLoss: number;
  epochImages: number;
  wallSeconds: number;
}

/** Writes checkpoints atomically (a temporary file, then a rename: a crash mid-write keeps the previous one). */
export class TrainCheckpointWriter {
  private last = -1;
  /** The step the file holds (-1: not written by this process yet). */
  private written = -1;

  constructor(
    readonly path: string,
    readonly every: number,
    private readonly io: CliIo,
  ) {}

  due(step: number): boolean {
    return step % this.every === 0 && step !== this.last;
  }

  /** Write the trainer's state atomically; a checkpoint that cannot be written is reported and the training goes on. */
  async write(trainer: Trainer, meta: TrainCheckpointMeta): Promise<void> {
    const tmp = `${this.path}.tmp`;
    try {
      const bytes = encodeCheckpoint<TrainCheckpointMeta, TrainerCheckpoint>({ checkpoint: await trainer.checkpoint(), meta });
      await writeFile(tmp, bytes);
      await rename(tmp, this.path);
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => undefined);
      const why = e instanceof Error ? ((e as NodeJS.ErrnoException).code ?? e.message) : String(e);
      const kept = this.written >= 0 ? `${this.path} still holds step ${this.written}` : 'no checkpoint was written by this run yet';
      this.last = trainer.stepIndex;
      this.io.error(`checkpoint: step ${trainer.stepIndex} not saved to ${this.path} (${why}); the training goes on (${kept})`);
      return;
    }
    this.last = trainer.stepIndex;
    this.written = trainer.stepIndex;
    this.io.log(`checkpoint: step ${trainer.stepIndex} → ${this.path}`);
  }
}

/** Read a checkpoint for `--resume`; every problem names the file (a UsageError: nothing was run). */
export async function readTrainCheckpoint(path: string, dataset: Dataset): Promise<CheckpointFile<TrainCheckpointMeta, TrainerCheckpoint>> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    throw new UsageError(`--resume ${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let file: CheckpointFile<TrainCheckpointMeta, TrainerCheckpoint>;
  try {
    file = decodeCheckpoint<TrainCheckpointMeta, TrainerCheckpoint>(bytes, path);
  } catch (e) {
    throw new UsageError(`--resume ${e instanceof CheckpointFileError ? e.message : `${path}: ${String(e)}`}`);
  }
  const m = file.meta;
  if (!m || typeof m.arch !== 'string' || !m.spec || !m.settings || !m.data || !Array.isArray(m.history)) {
    throw new UsageError(`--resume ${path} is a checkpoint, but not of a \`train\` run`);
  }
  try {
    m.settings = validateConfig(TRAIN_GROUP, m.settings);
  } catch (e) {
    throw new UsageError(`--resume ${path}: its settings are not usable (${e instanceof Error ? e.message : String(e)})`);
  }
  if (m.data.name !== dataset.name || m.data.n !== dataset.n) {
    throw new UsageError(
      `--resume ${path} was trained on ${m.data.name} (${m.data.n} images); the data flags give ${dataset.name} (${dataset.n} images). Give the same data flags as the first run.`,
    );
  }
  return file;
}
