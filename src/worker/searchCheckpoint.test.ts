import { describe, expect, it } from 'vitest';
import { decodeSearchCheckpoint } from '../core/runs/searchCheckpointFile';
import type { SearchResumeMeta } from '../core/runs/searchResume';
import type { MethodRun } from '../methods/runTypes';
import type { WorkerEvent } from './protocol';
import { resumeCheckpoint, SEARCH_CHECKPOINT_MS, SearchCheckpointPoster } from './searchCheckpoint';

function fakeRun(withCheckpoint = true): MethodRun<unknown> & { taken: number } {
  const run = {
    taken: 0,
    done: 0,
    checkpoint: withCheckpoint
      ? () => {
          run.taken++;
          return Promise.resolve({ done: run.done, state: { v: 1, w: new Float32Array([run.done]) } });
        }
      : undefined,
  };
  return run as unknown as MethodRun<unknown> & { taken: number };
}

describe('search checkpoints in the worker (issue 16 §1: each epoch end, at most every 20 s otherwise)', () => {
  it('posts at epoch ends and after 20 s, never after the last step, with bytes a resume reads back', async () => {
    let t = 0;
    const posted: WorkerEvent[] = [];
    const run = fakeRun();
    const p = new SearchCheckpointPoster('r1', 'random', { seed: 1 }, run, { post: (e) => posted.push(e) }, { dataset: { name: 'd', n: 10 }, profile: null }, 5, 0, () => t);
    const step = (done: number, epoch: number) => {
      (run as unknown as { done: number }).done = done;
      return p.afterStep({ done, epoch }, 30);
    };
    expect(await step(1, 0)).toBe(false);
    expect(await step(9, 0)).toBe(false);
    expect(await step(10, 1)).toBe(true); // epoch end
    t = SEARCH_CHECKPOINT_MS - 1;
    expect(await step(11, 1)).toBe(false);
    t = SEARCH_CHECKPOINT_MS + 1;
    expect(await step(12, 1)).toBe(true); // 20 s passed
    t += 1000;
    expect(await step(30, 3)).toBe(false); // the last step: the run finishes instead
    expect(posted.map((e) => (e.type === 'search/checkpoint' ? e.step : -1))).toEqual([10, 12]);
    const ev = posted[1] as Extract<WorkerEvent, { type: 'search/checkpoint' }>;
    expect(ev).toMatchObject({ runId: 'r1', method: 'random', totalSteps: 30 });
    const file = decodeSearchCheckpoint<SearchResumeMeta>(ev.bytes, 'x');
    expect(file.meta).toMatchObject({ kind: 'search', runId: 'r1', dataset: { name: 'd', n: 10 }, profile: null });
    expect(file.meta.wallSeconds).toBeCloseTo(5 + (SEARCH_CHECKPOINT_MS + 1) / 1000, 6);
    expect(resumeCheckpoint(ev.bytes, 'random', null).done).toBe(12);
    expect(() => resumeCheckpoint(ev.bytes, 'atomnas', null)).toThrow(/one of random, not of atomnas/);
  });

  it('a checkpoint that cannot be made is reported once, and the run goes on', async () => {
    const posted: WorkerEvent[] = [];
    const run = { checkpoint: () => Promise.reject(new Error('state not readable')) } as unknown as MethodRun<unknown>;
    const p = new SearchCheckpointPoster('r', 'padnas', {}, run, { post: (e) => posted.push(e) }, { dataset: { name: 'd', n: 1 }, profile: null });
    await expect(p.afterStep({ done: 5, epoch: 1 }, 10)).resolves.toBe(false);
    await expect(p.afterStep({ done: 7, epoch: 2 }, 10)).resolves.toBe(false);
    expect(posted).toEqual([
      { type: 'error', scope: 'checkpoint', message: "The search's checkpoint after step 5 could not be made (state not readable). The search goes on; a reload would resume from its last saved checkpoint, if any." },
    ]);
  });

  it('posts nothing for a run without checkpoint support', async () => {
    const posted: WorkerEvent[] = [];
    const p = new SearchCheckpointPoster('r', 'padnas', {}, fakeRun(false), { post: (e) => posted.push(e) }, { dataset: { name: 'd', n: 1 }, profile: null });
    expect(await p.afterStep({ done: 5, epoch: 1 }, 10)).toBe(false);
    expect(posted).toEqual([]);
  });
});
