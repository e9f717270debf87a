/**
 * `search --checkpoint FILE [--checkpoint-every N]` and `search --resume FILE` (issue 16 §1, §6): the run's full state
 * (MethodRun.checkpoint: trainers' weights, BN statistics, optimizer state, batch order, random streams, plus the
 * method's own state) is written atomically every N units of work and at every epoch end, as a search checkpoint file
 * (core/runs/searchCheckpointFile). `--resume` checks the file, the method, the settings and the data before anything
 * is trained, and a resumed run continues bit for bit where the uninterrupted one would be (CPU backend). A method
 * whose run has no checkpoint support is refused up front ("cannot resume yet").
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import {
  checkpointMismatch,
  CheckpointFileError,
  decodeSearchCheckpoint,
  encodeSearchCheckpoint,
  type SearchCheckpointFile,
} from '../core/runs/searchCheckpointFile';
import type { Dataset } from '../data/dataset';
import type { MethodRun } from '../methods/runTypes';
import { UsageError, type FlagSpec, type FlagValue } from './args';
import type { CliIo } from './commands';

export const SEARCH_CHECKPOINT_FLAGS: readonly FlagSpec[] = [
  { name: 'checkpoint', type: 'string', help: 'write the search state here every --checkpoint-every steps and at each epoch end (resume with --resume)' },
  { name: 'checkpoint-every', type: 'int', min: 1, max: 1_000_000, default: 100, help: 'steps between checkpoints (default 100)' },
  { name: 'resume', type: 'string', help: 'continue the search saved in this checkpoint (give the same method, settings and data flags as the first run)' },
];

/** What a CLI search checkpoint carries besides the run's state. */
export interface SearchCheckpointMeta {
  /** The data it searched on (checked on resume). */
  data: { name: string; n: number };
  /** Wall time spent before this checkpoint (the record's wallSeconds adds it up). */
  wallSeconds: number;
}

/** The message of a method that cannot checkpoint. */
export function cannotResume(method: string): string {
  return `${method} cannot resume yet: its run has no checkpoint support (run it without --checkpoint/--resume)`;
}

/** Checkpoint writing and resuming of one CLI search. */
export class SearchCheckpoints {
  private last = -1;
  /** The step the --checkpoint file holds (-1: not written by this process yet). */
  private written = -1;
  private lastEpoch = 0;

  private constructor(
    private readonly method: string,
    private readonly config: Record<string, unknown>,
    private readonly dataset: Dataset,
    private readonly io: CliIo,
    private readonly file: string | undefined,
    private readonly every: number,
    private readonly resumed: { path: string; file: SearchCheckpointFile<SearchCheckpointMeta> } | null,
    private readonly t0: number,
  ) {}

  /**
   * Read and check `--resume` and the run's checkpoint support (every problem a UsageError naming the file: nothing
   * was trained). `run` is the freshly created run; `t0` when the command started (performance.now()).
   */
  static async open(method: string, config: Record<string, unknown>, f: Record<string, FlagValue>, run: MethodRun<unknown>, dataset: Dataset, io: CliIo, t0: number): Promise<SearchCheckpoints> {
    const file = f.checkpoint as string | undefined;
    const resume = f.resume as string | undefined;
    if ((file || resume) && (!run.checkpoint || !run.restore)) throw new UsageError(cannotResume(method));
    const resumed = resume ? { path: resume, file: await readSearchCheckpoint(resume, method, config, dataset) } : null;
    return new SearchCheckpoints(method, config, dataset, io, file, (f['checkpoint-every'] as number | undefined) ?? 100, resumed, t0);
  }

  /** Restore the run (after `start()`); the units already done (0 without --resume). */
  async restore(run: MethodRun<unknown>, totalSteps: number): Promise<number> {
    if (!this.resumed || !run.restore) return 0;
    const { path, file } = this.resumed;
    if (file.done > totalSteps) throw new UsageError(`--resume ${path} is at step ${file.done}; this search has ${totalSteps}`);
    try {
      await run.restore({ done: file.done, state: file.state });
    } catch (e) {
      throw new UsageError(`--resume ${path} does not fit this search: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.last = file.done;
    this.io.log(`resumed from ${path} at step ${file.done} of ${totalSteps}`);
    return file.done;
  }

  /** Seconds of the run so far, the resumed part included. */
  wallSeconds(): number {
    return (this.resumed?.file.meta.wallSeconds ?? 0) + (performance.now() - this.t0) / 1000;
  }

  /** After a step: write a checkpoint when one is due (every N units and at each epoch end), atomically. */
  async afterStep(run: MethodRun<unknown>, done: number, epoch: number): Promise<void> {
    const epochEnd = epoch > this.lastEpoch;
    this.lastEpoch = Math.max(this.lastEpoch, epoch);
    if (!this.file || !run.checkpoint || done === this.last || !(done % this.every === 0 || epochEnd)) return;
    const tmp = `${this.file}.tmp`;
    try {
      const cp = await run.checkpoint();
      const meta: SearchCheckpointMeta = { data: { name: this.dataset.name, n: this.dataset.n }, wallSeconds: this.wallSeconds() };
      const bytes = encodeSearchCheckpoint<SearchCheckpointMeta>({ method: this.method, config: this.config, done: cp.done, state: cp.state, meta });
      await writeFile(tmp, bytes);
      await rename(tmp, this.file);
    } catch (e) {
      // A checkpoint that cannot be made or written (a full disk, a removed folder) must not end the search it protects.
      await rm(tmp, { force: true }).catch(() => undefined);
      const why = e instanceof Error ? ((e as NodeJS.ErrnoException).code ?? e.message) : String(e);
      const kept = this.written >= 0 ? `${this.file} still holds step ${this.written}` : 'no checkpoint was written by this run yet';
      this.io.error(`checkpoint: step ${done} not saved to ${this.file} (${why}); the search goes on (${kept})`);
      return;
    }
    this.last = done;
    this.written = done;
    this.io.log(`checkpoint: step ${done} → ${this.file}`);
  }
}

/** Read a search checkpoint for `--resume`; every problem names the file (a UsageError: nothing was run). */
export async function readSearchCheckpoint(path: string, method: string, config: Record<string, unknown>, dataset: Dataset): Promise<SearchCheckpointFile<SearchCheckpointMeta>> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    throw new UsageError(`--resume ${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let file: SearchCheckpointFile<SearchCheckpointMeta>;
  try {
    file = decodeSearchCheckpoint<SearchCheckpointMeta>(bytes, path);
  } catch (e) {
    throw new UsageError(`--resume ${e instanceof CheckpointFileError ? e.message : `${path}: ${String(e)}`}`);
  }
  const mismatch = checkpointMismatch(file, method, config);
  if (mismatch) throw new UsageError(`--resume ${path} cannot continue this search: ${mismatch}. Give the first run's method and setting flags.`);
  const d = (file.meta as Partial<SearchCheckpointMeta> | null)?.data;
  if (!d) throw new UsageError(`--resume ${path} does not say which data it searched on`);
  if (d.name !== dataset.name || d.n !== dataset.n) {
    throw new UsageError(`--resume ${path} searched on ${d.name} (${d.n} images); the data flags give ${dataset.name} (${dataset.n} images). Give the same data flags as the first run.`);
  }
  return file;
}
