import { describe, expect, it } from 'vitest';
import { RunLoop, stepWork, type Job, type LoopHost, type Outgoing } from './runLoop';
import { EtaEstimator, SnapshotThrottle } from './throttle';
import type { WorkerEvent } from './protocol';

class DivergenceLike extends Error {
  override name = 'DivergenceError';
}

/** A host with a manual clock: each step advances time by `stepMs`. */
function makeHost(): LoopHost & { events: WorkerEvent[]; clock: number } {
  const host = {
    events: [] as WorkerEvent[],
    clock: 0,
    post(out: Outgoing) {
      host.events.push(out.event);
    },
    now: () => host.clock,
    yieldToEvents: () => new Promise<void>((r) => setTimeout(r, 0)),
    isDivergence: (e: unknown) => e instanceof Error && e.name === 'DivergenceError',
  };
  return host;
}

function makeJob(host: { clock: number }, total: number, opts: { stepMs?: number; failAt?: number; fail?: Error } = {}) {
  let done = 0;
  let pending = 0;
  const job: Job & { disposed: boolean; finished: boolean; stepsRun: number } = {
    kind: 'test',
    totalSteps: total,
    disposed: false,
    finished: false,
    stepsRun: 0,
    step() {
      host.clock += opts.stepMs ?? 10;
      job.stepsRun++;
      if (opts.failAt !== undefined && done + 1 === opts.failAt) return Promise.reject(opts.fail ?? new Error('boom'));
      done++;
      pending++;
      return Promise.resolve({ done, epoch: Math.floor(done / 5) });
    },
    snapshot() {
      if (pending === 0) return null;
      const n = pending;
      pending = 0;
      return { event: { type: 'error', scope: 'snapshot', message: String(n) } };
    },
    finish() {
      job.finished = true;
      return Promise.resolve();
    },
    dispose() {
      job.disposed = true;
    },
  };
  return job;
}

const states = (evs: WorkerEvent[]) => evs.flatMap((e) => (e.type === 'run/state' ? [e.state] : []));
const snapshotSizes = (evs: WorkerEvent[]) =>
  evs.flatMap((e) => (e.type === 'error' && e.scope === 'snapshot' ? [Number(e.message)] : []));

async function until(cond: () => boolean, max = 2000): Promise<void> {
  for (let i = 0; i < max && !cond(); i++) await new Promise((r) => setTimeout(r, 0));
  if (!cond()) throw new Error('condition not reached');
}

describe('SnapshotThrottle', () => {
  it('needs both the interval and the step count to pass', () => {
    const t = new SnapshotThrottle(100, 5);
    expect(t.due(0, 1)).toBe(true);
    t.mark(0, 1);
    expect(t.due(50, 10)).toBe(false); // too soon
    expect(t.due(150, 3)).toBe(false); // too few steps
    expect(t.due(150, 6)).toBe(true);
  });
});

describe('EtaEstimator', () => {
  it('uses the recent window only', () => {
    const e = new EtaEstimator(2);
    e.record(1000); // compile-heavy first step
    e.record(10);
    e.record(30);
    expect(e.meanStepMs).toBe(20);
    expect(e.etaMs(5)).toBe(100);
    expect(e.etaMs(0)).toBe(0);
    expect(e.elapsedMs).toBe(1040);
  });
  it('is unknown before any step', () => {
    expect(Number.isNaN(new EtaEstimator().etaMs(3))).toBe(true);
  });
  it('paces by work where steps carry different amounts of it; unknown work counts as elapsed only', () => {
    const e = new EtaEstimator(3);
    e.record(500, Number.NaN); // a step whose work is not known: no pace from it
    expect(Number.isNaN(e.meanStepMs)).toBe(true);
    e.record(600, 60); // a payoff unit of 60 PAD-NAS steps
    e.record(10, 1);
    expect(e.meanStepMs).toBeCloseTo(610 / 61, 10);
    expect(e.etaMs(6100)).toBeCloseTo(61_000, 6);
    expect(e.elapsedMs).toBe(1110);
  });
});

describe('stepWork', () => {
  it('one per step without finer work; else its difference, from 0 at the start, unknown when it appears later', () => {
    expect(stepWork({ done: 3 }, { done: 4 })).toBe(1);
    expect(stepWork({ done: 3, work: { done: 10, total: 99 } }, { done: 4, work: { done: 75, total: 99 } })).toBe(65);
    expect(stepWork({ done: 0 }, { done: 1, work: { done: 1, total: 99 } })).toBe(1);
    expect(stepWork({ done: 40 }, { done: 41, work: { done: 500, total: 999 } })).toBeNaN();
    expect(stepWork({ done: 0 }, { done: 41, work: { done: 500, total: 999 } })).toBeNaN(); // a resumed job's first step
  });
});

describe('RunLoop', () => {
  it('runs to completion, calls finish, keeps the job for export', async () => {
    const host = makeHost();
    const loop = new RunLoop(host, { minIntervalMs: 0, minSteps: 1 });
    const job = makeJob(host, 12);
    loop.start('r1', job);
    await until(() => loop.state === 'done');
    expect(job.stepsRun).toBe(12);
    expect(job.finished).toBe(true);
    expect(job.disposed).toBe(false);
    expect(loop.activeJob).toBe(job);
    expect(snapshotSizes(host.events).reduce((a, b) => a + b, 0)).toBe(12);
    const last = host.events.filter((e) => e.type === 'run/progress').at(-1);
    expect(last).toMatchObject({ done: 12, total: 12, etaMs: 0 });
  });

  it('shows the time left by the finer work a job reports: cheap steps first do not make the dear ones look cheap', async () => {
    const host = makeHost();
    const loop = new RunLoop(host, { minIntervalMs: 0, minSteps: 1 });
    // 10 cheap steps (1 work, 10 ms each), then 10 dear ones (50 work, 500 ms each): 510 work in all.
    let done = 0;
    const job: Job = {
      kind: 'mixed',
      totalSteps: 20,
      step: () => {
        done++;
        host.clock += done <= 10 ? 10 : 500;
        const work = done <= 10 ? done : 10 + 50 * (done - 10);
        return Promise.resolve({ done, work: { done: work, total: 510 } });
      },
      snapshot: () => null,
    };
    loop.start('r', job);
    await until(() => loop.state === 'done');
    const progress = host.events.filter((e): e is Extract<WorkerEvent, { type: 'run/progress' }> => e.type === 'run/progress');
    const at = (d: number) => progress.find((p) => p.done === d);
    // After 11 steps (60 work in 600 ms): 450 work left at 10 ms each, 4.5 s; by steps it would be 9 × 54.5 ms.
    expect(at(11)?.etaMs).toBeCloseTo(4500, 6);
    expect(at(11)?.total).toBe(20);
    expect(at(20)?.etaMs).toBe(0);
    expect(progress.every((p) => p.etaAtMost === undefined)).toBe(true);
  });

  it('passes on that the time left is a most while the job says its work total is only bounded', async () => {
    const host = makeHost();
    const loop = new RunLoop(host, { minIntervalMs: 0, minSteps: 1 });
    let done = 0;
    const job: Job = {
      kind: 'bounded',
      totalSteps: 10,
      step: () => {
        done++;
        host.clock += 10;
        // A search that may stop early: its total is a most for the first 4 steps, then exact.
        return Promise.resolve({ done, work: done <= 4 ? { done, total: 30, atMost: true } : { done, total: 10 } });
      },
      snapshot: () => null,
    };
    loop.start('r', job);
    await until(() => loop.state === 'done');
    // From the first step's report on (the start's progress has no work yet).
    const progress = host.events.filter((e): e is Extract<WorkerEvent, { type: 'run/progress' }> => e.type === 'run/progress' && e.done > 0);
    expect(new Set(progress.map((p) => p.done))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect(progress.map((p) => p.etaAtMost === true)).toEqual(progress.map((p) => p.done <= 4));
    expect(progress.find((p) => p.done === 2)?.etaMs).toBeCloseTo(280, 6);
  });

  it('throttles snapshots by time and steps, whichever is later', async () => {
    const host = makeHost();
    const loop = new RunLoop(host, { minIntervalMs: 100, minSteps: 2 });
    loop.start('r', makeJob(host, 40, { stepMs: 10 }));
    await until(() => loop.state === 'done');
    const sizes = snapshotSizes(host.events);
    // 10 ms per step and 100 ms minimum: about every 10 steps, never every step.
    expect(sizes.length).toBeLessThanOrEqual(6);
    expect(sizes.slice(0, -1).every((n) => n >= 10 || n === 1)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(40);
  });

  it('pauses, steps one at a time while paused, resumes', async () => {
    const host = makeHost();
    const loop = new RunLoop(host, { minIntervalMs: 0 });
    const job = makeJob(host, 1000);
    loop.start('r', job, true);
    expect(loop.state).toBe('paused');
    loop.control('step');
    await until(() => job.stepsRun === 1);
    await new Promise((r) => setTimeout(r, 5));
    expect(job.stepsRun).toBe(1);
    expect(loop.state).toBe('paused');
    loop.control('resume');
    await until(() => job.stepsRun > 5);
    loop.control('pause');
    const ran = job.stepsRun;
    await new Promise((r) => setTimeout(r, 10));
    expect(job.stepsRun).toBeLessThanOrEqual(ran + 1); // at most the step in flight
    expect(loop.state).toBe('paused');
  });

  it('Step while paused runs one whole unit of a job whose long units return part way (done unchanged)', async () => {
    const host = makeHost();
    const loop = new RunLoop(host, { minIntervalMs: 0 });
    let calls = 0;
    const job: Job = {
      kind: 'parts',
      totalSteps: 10,
      step: () => {
        calls++;
        host.clock += 10;
        return Promise.resolve({ done: Math.floor(calls / 3) }); // a unit ends every third call
      },
      snapshot: () => null,
    };
    loop.start('r', job, true);
    loop.control('step');
    loop.control('step'); // a second click while the first unit is still in its parts: ignored
    await until(() => calls === 3);
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toBe(3);
    expect(loop.state).toBe('paused');
    expect(host.events.filter((e) => e.type === 'run/progress').at(-1)).toMatchObject({ done: 1 });
    // A cancel between two parts ends the Step there.
    loop.control('step');
    await until(() => calls === 4);
    loop.control('cancel');
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toBeLessThanOrEqual(5);
  });

  it('announces a pause only after the step in flight has reported its numbers', async () => {
    const host = makeHost();
    const loop = new RunLoop(host, { minIntervalMs: 1e9 });
    let release: () => void = () => {};
    let done = 0;
    const job: Job = {
      kind: 'slow',
      totalSteps: 100,
      step: () => new Promise((r) => (release = () => r({ done: ++done }))),
      snapshot: () => ({ event: { type: 'error', scope: 'snapshot', message: String(done) } }),
    };
    loop.start('r', job);
    await until(() => done === 0 && host.events.length > 0);
    release(); // step 1 (flushed: first snapshot is always due)
    await until(() => done === 1);
    await new Promise((r) => setTimeout(r, 5));
    loop.control('pause'); // step 2 in flight
    expect(loop.state).toBe('paused');
    expect(states(host.events).at(-1)).toBe('running');
    release();
    await until(() => states(host.events).at(-1) === 'paused');
    const i = host.events.map((e) => e.type).lastIndexOf('run/state');
    const before = host.events.slice(0, i).filter((e) => e.type === 'error').at(-1);
    expect(before).toMatchObject({ message: '2' }); // step 2's numbers precede the 'paused' announcement
    await new Promise((r) => setTimeout(r, 5));
    expect(done).toBe(2);
  });

  it('ignores step while running and resume while idle', () => {
    const host = makeHost();
    const loop = new RunLoop(host);
    expect(loop.control('resume')).toBe('idle');
    expect(loop.control('step')).toBe('idle');
  });

  it('pauses on divergence with the message', async () => {
    const host = makeHost();
    const loop = new RunLoop(host, { minIntervalMs: 0 });
    const job = makeJob(host, 100, { failAt: 4, fail: new DivergenceLike('loss is NaN at step 4') });
    loop.start('r', job);
    await until(() => loop.state === 'diverged');
    const ev = host.events.find((e) => e.type === 'diverged');
    expect(ev).toMatchObject({ step: 3, message: 'loss is NaN at step 4' });
    expect(job.disposed).toBe(false);
  });

  it('reports other errors as error events', async () => {
    const host = makeHost();
    const loop = new RunLoop(host);
    loop.start('r', makeJob(host, 100, { failAt: 2, fail: new Error('GPU lost') }));
    await until(() => loop.state === 'error');
    expect(host.events.some((e) => e.type === 'error' && e.message === 'GPU lost')).toBe(true);
    expect(host.events.some((e) => e.type === 'diverged')).toBe(false);
  });

  it('cancel stops the run; reset disposes the job; a new start disposes the old job', async () => {
    const host = makeHost();
    const loop = new RunLoop(host, { minIntervalMs: 0 });
    const a = makeJob(host, 10_000);
    loop.start('a', a);
    await until(() => a.stepsRun > 3);
    loop.control('cancel');
    const ran = a.stepsRun;
    await new Promise((r) => setTimeout(r, 10));
    expect(a.stepsRun).toBeLessThanOrEqual(ran + 1);
    expect(loop.state).toBe('cancelled');
    loop.control('reset');
    await until(() => a.disposed);
    expect(loop.state).toBe('idle');
    expect(loop.activeJob).toBeNull();

    const b = makeJob(host, 10_000);
    const c = makeJob(host, 3);
    loop.start('b', b);
    await until(() => b.stepsRun > 2);
    loop.start('c', c);
    await until(() => loop.state === 'done');
    expect(b.disposed).toBe(true);
    expect(c.stepsRun).toBe(3);
    expect(states(host.events)).toContain('cancelled');
  });

  it('calls prepare once before the first step and posts its progress as preparing (issue 15 §5)', async () => {
    const host = makeHost();
    const loop = new RunLoop(host, { minIntervalMs: 0 });
    const job = makeJob(host, 3);
    const calls: number[] = [];
    job.prepare = async (report) => {
      calls.push(job.stepsRun);
      for (let i = 0; i <= 2; i++) {
        report({ done: i, total: 2 });
        await new Promise((r) => setTimeout(r, 0));
      }
    };
    loop.start('p', job);
    await until(() => loop.state === 'done');
    expect(calls).toEqual([0]);
    const progress = host.events.flatMap((e) => (e.type === 'run/progress' ? [e] : []));
    const preparing = progress.flatMap((e) => (e.preparing ? [e.preparing] : []));
    expect(preparing).toEqual([
      { done: 0, total: 2 },
      { done: 1, total: 2 },
      { done: 2, total: 2 },
    ]);
    // Once prepared, progress goes back to steps (no preparing field), starting from step 0.
    const after = progress.slice(progress.findIndex((e) => e.preparing?.done === 2) + 1);
    expect(after[0]).toMatchObject({ done: 0 });
    expect(after.every((e) => e.preparing === undefined)).toBe(true);
    expect(job.stepsRun).toBe(3);
  });

  it('a failing prepare fails the run like a step would, without stepping', async () => {
    const host = makeHost();
    const loop = new RunLoop(host, { minIntervalMs: 0 });
    const job = makeJob(host, 3);
    job.prepare = () => Promise.reject(new Error('no GPU'));
    loop.start('f', job);
    await until(() => loop.state === 'error');
    expect(job.stepsRun).toBe(0);
  });
});
