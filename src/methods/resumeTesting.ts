/**
 * The bit-for-bit resume check every method's test uses (issue 16 §1; tests only, not used by the app): an uninterrupted
 * run against one stopped after `k` units, checkpointed through bytes (core/runs/searchCheckpointFile), restored in a
 * fresh run and run to the end. Wall-clock fields (`seconds` of history rows) are left out of the comparison.
 */
import { decodeSearchCheckpoint, encodeSearchCheckpoint } from '../core/runs/searchCheckpointFile';
import type { MethodOutcome, MethodRun } from './runTypes';

export interface ResumeComparison {
  /** The uninterrupted run's outcome. */
  want: MethodOutcome;
  /** The resumed run's outcome. */
  got: MethodOutcome;
  /** Size of the checkpoint in bytes. */
  bytes: number;
  /** Units of work of the whole run. */
  total: number;
  /** `done` of the checkpoint the resumed run started from. */
  checkpointDone: number;
}

const timeless = (o: MethodOutcome): MethodOutcome => ({ ...o, history: o.history.map(({ seconds: _s, ...r }) => r) });

/**
 * The fields a resumed run must reproduce exactly (architecture, accuracies, history, record fields, result steps), for
 * one `expect(comparable(got)).toEqual(comparable(want))`; `wallClock` names record fields measured in seconds.
 */
export function comparable(o: MethodOutcome, wallClock: readonly string[] = []): Record<string, unknown> {
  const extras = Object.fromEntries(Object.entries(o.extras).filter(([k]) => !wallClock.includes(k)));
  return { archSpec: o.archSpec, valAccuracy: o.valAccuracy, testAccuracy: o.testAccuracy, history: o.history, extras, resultSteps: o.resultSteps, trainImages: o.trainImages };
}

async function toEnd<S>(run: MethodRun<S>, total: number): Promise<MethodOutcome> {
  for (let done = 0; done < total; ) {
    done = (await run.step()).done;
    run.snapshot();
  }
  await run.finish();
  return timeless(run.outcome());
}

/**
 * `create()` makes a fresh run of `config` (three are made); the interrupted one stops after `k` units, and then
 * `extraSteps` more `step()` calls (a method whose long units return part way, AutoSpace-style's payoff: with
 * `done` still k, the checkpoint is taken inside a unit; ResumeComparison.checkpointDone says where it was).
 */
export async function compareResumed<S>(method: string, config: Record<string, unknown>, create: () => MethodRun<S>, k: number, extraSteps = 0): Promise<ResumeComparison> {
  const a = create();
  let want: MethodOutcome;
  let total: number;
  try {
    total = a.start().totalSteps;
    want = await toEnd(a, total);
  } finally {
    a.dispose();
  }
  const b = create();
  let bytes: Uint8Array;
  try {
    b.start();
    let done = 0;
    while (done < k) {
      done = (await b.step()).done;
      b.snapshot();
    }
    for (let i = 0; i < extraSteps; i++) {
      await b.step();
      b.snapshot();
    }
    if (!b.checkpoint) throw new Error(`${method} has no checkpoint()`);
    const cp = await b.checkpoint();
    bytes = encodeSearchCheckpoint({ method, config, done: cp.done, state: cp.state, meta: null });
  } finally {
    b.dispose();
  }
  const c = create();
  try {
    c.start();
    const file = decodeSearchCheckpoint(bytes, 'test.ckpt');
    if (!c.restore) throw new Error(`${method} has no restore()`);
    await c.restore({ done: file.done, state: file.state });
    const checkpointDone = file.done;
    // The rest of the run: step() reports done from the restored count on.
    let done = file.done;
    while (done < total) {
      done = (await c.step()).done;
      c.snapshot();
    }
    await c.finish();
    return { want, got: timeless(c.outcome()), bytes: bytes.length, total, checkpointDone };
  } finally {
    c.dispose();
  }
}
