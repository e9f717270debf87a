/**
 * Builds a Recording (pure) from a run's snapshot stream, as a driver sees it: the CLI's `search --record`, or the app
 * recording a live run. The snapshots are kept as given (a frame is the snapshot the live view would have drawn), so
 * the driver decides the cadence: every snapshot in the app, every `every`-th unit in the CLI (a method's snapshot
 * carries what happened since the previous one, so fewer frames lose nothing but time resolution).
 */
import { RECORDING_FORMAT, RECORDING_VERSION, type Recording, type RecordingFrame, type RecordingMade } from './recording';
import type { ResultRecord } from './resultRecord';
import type { RunStart } from './runStart';

/** Frames a CLI recording aims at (a few hundred keep a default-preset recording within ~2 MB). */
export const TARGET_FRAMES = 150;

/** The CLI's default frame cadence for a run of `totalSteps` units. */
export function defaultRecordEvery(totalSteps: number): number {
  return Math.max(1, Math.round(totalSteps / TARGET_FRAMES));
}

export class RecordingBuilder {
  private readonly frames: RecordingFrame[] = [];
  private readonly t0: number;

  constructor(
    private readonly head: { method: string; preset: string | null; config: Record<string, unknown>; started: RunStart; made: RecordingMade },
    now: number,
  ) {
    this.t0 = now;
  }

  /** One snapshot, taken after `step` units (epoch `epoch`) at time `now` (ms, same clock as the constructor's). */
  add(step: number, epoch: number, snap: unknown, now: number): void {
    this.frames.push({ step, epoch, ms: Math.max(0, Math.round(now - this.t0)), snap });
  }

  get size(): number {
    return this.frames.length;
  }

  /** The recording so far (`record` null: the run did not finish). */
  build(record: ResultRecord | null): Recording {
    return { format: RECORDING_FORMAT, version: RECORDING_VERSION, ...this.head, frames: [...this.frames], record };
  }
}
