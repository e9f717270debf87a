/** RunLoop's "step to the next event" and slow motion (setPace), with a fake job whose snapshots bring events. */
import { describe, expect, it } from 'vitest';
import { RunLoop, type Job, type LoopHost, type Outgoing } from './runLoop';
import type { WorkerEvent } from './protocol';

function makeHost(sleeps: number[] = []): LoopHost & { events: WorkerEvent[] } {
  let clock = 0;
  const host = {
    events: [] as WorkerEvent[],
    post(out: Outgoing) {
      host.events.push(out.event);
    },
    now: () => (clock += 10),
    yieldToEvents: () => new Promise<void>((r) => setTimeout(r, 0)),
    isDivergence: () => false,
    sleep: (ms: number) => {
      sleeps.push(ms);
      return new Promise<void>((r) => setTimeout(r, 1));
    },
  };
  return host;
}

/** A job of `total` steps whose snapshot brings an event when a step in `eventAt` was taken since the last one. */
function eventJob(total: number, eventAt: number[]) {
  let done = 0;
  let since: number[] = [];
  const job: Job & { done(): number } = {
    kind: 'fake',
    totalSteps: total,
    done: () => done,
    step() {
      done++;
      since.push(done);
      return Promise.resolve({ done });
    },
    snapshot() {
      if (!since.length) return null;
      const steps = since;
      since = [];
      const events = steps.filter((s) => eventAt.includes(s)).map((s) => `shrink at ${s}`);
      return { event: { type: 'error', scope: 'snapshot', message: steps.join(',') }, events };
    },
  };
  return job;
}

async function until(cond: () => boolean, max = 3000): Promise<void> {
  for (let i = 0; i < max && !cond(); i++) await new Promise((r) => setTimeout(r, 0));
  if (!cond()) throw new Error('condition not reached');
}

const states = (evs: WorkerEvent[]) => evs.flatMap((e) => (e.type === 'run/state' ? [e.state] : []));
const runEvents = (evs: WorkerEvent[]) => evs.flatMap((e) => (e.type === 'run/event' ? [e] : []));

describe('RunLoop next-event', () => {
  it('steps until a snapshot brings an event, announces it, then pauses', async () => {
    const host = makeHost();
    const loop = new RunLoop(host, { minIntervalMs: 0 });
    const job = eventJob(100, [7, 20]);
    loop.start('r', job, true);
    loop.control('next-event');
    expect(loop.state).toBe('running');
    await until(() => loop.state === 'paused');
    expect(job.done()).toBe(7);
    const ev = runEvents(host.events);
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ runId: 'r', step: 7, events: ['shrink at 7'], stopped: true });
    // The snapshot with the event is posted before the pause is announced.
    const snapAt = host.events.findIndex((e) => e.type === 'error' && e.message.split(',').includes('7'));
    expect(snapAt).toBeGreaterThanOrEqual(0);
    expect(snapAt).toBeLessThan(host.events.map((e) => (e.type === 'run/state' ? e.state : '')).lastIndexOf('paused'));
    await new Promise((r) => setTimeout(r, 10));
    expect(job.done()).toBe(7); // stays paused

    loop.control('next-event');
    await until(() => loop.state === 'paused' && job.done() > 7);
    expect(job.done()).toBe(20);
    expect(runEvents(host.events).at(-1)).toMatchObject({ step: 20, stopped: true });
  });

  it('runs to the end when no event comes, and finishes the run as usual', async () => {
    const host = makeHost();
    const loop = new RunLoop(host, { minIntervalMs: 0 });
    const job = eventJob(15, []);
    loop.start('r', job, true);
    loop.control('next-event');
    await until(() => loop.state === 'done');
    expect(job.done()).toBe(15);
    expect(runEvents(host.events)).toHaveLength(0);
  });

  it('is ignored unless paused; Pause during the search for an event stops it; events of a normal run are posted, not stopped on', async () => {
    const host = makeHost();
    const loop = new RunLoop(host, { minIntervalMs: 0 });
    expect(loop.control('next-event')).toBe('idle');
    const eventAt = [3];
    const job = eventJob(10_000, eventAt);
    loop.start('r', job);
    await until(() => job.done() > 50);
    expect(loop.state).toBe('running'); // a running run does not stop at events
    expect(runEvents(host.events)).toMatchObject([{ step: 3, stopped: false }]);
    loop.control('pause');
    await until(() => states(host.events).at(-1) === 'paused');
    const at = job.done();
    loop.control('next-event'); // no event ahead: Pause ends the search
    await until(() => job.done() > at + 5);
    loop.control('pause');
    await new Promise((r) => setTimeout(r, 10));
    const stopped = job.done();
    eventAt.push(stopped + 20);
    loop.control('resume');
    await until(() => job.done() > stopped + 50);
    expect(loop.state).toBe('running'); // resumed normally: the earlier search for an event is over
    loop.control('cancel');
  });
});

describe('RunLoop pace (slow motion)', () => {
  it('waits the pace between steps and posts every step', async () => {
    const sleeps: number[] = [];
    const host = makeHost(sleeps);
    const loop = new RunLoop(host, { minIntervalMs: 1e9 }); // throttled away: only the pace posts every step
    const job = eventJob(6, []);
    loop.start('r', job, true);
    loop.setPace(250);
    expect(loop.pace).toBe(250);
    loop.control('resume');
    await until(() => loop.state === 'done');
    expect(sleeps).toEqual([250, 250, 250, 250, 250]); // between the 6 steps
    const snaps = host.events.flatMap((e) => (e.type === 'error' ? [e.message] : []));
    expect(snaps.slice(0, 6)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('full speed again at 0, a new run starts at full speed, and nonsense paces mean full speed', async () => {
    const sleeps: number[] = [];
    const host = makeHost(sleeps);
    const loop = new RunLoop(host, { minIntervalMs: 0 });
    loop.setPace(Number.NaN);
    expect(loop.pace).toBe(0);
    loop.setPace(-5);
    expect(loop.pace).toBe(0);
    loop.setPace(1000);
    loop.start('r', eventJob(5, []));
    expect(loop.pace).toBe(0);
    await until(() => loop.state === 'done');
    expect(sleeps).toEqual([]);
  });

  it('a long wait is cut short by a pace change or Pause', async () => {
    const host = makeHost();
    host.sleep = () => new Promise<void>(() => undefined); // never wakes by itself
    const loop = new RunLoop(host, { minIntervalMs: 0 });
    const job = eventJob(1000, []);
    loop.start('r', job, true);
    loop.setPace(60_000);
    loop.control('resume');
    await until(() => job.done() === 1);
    await new Promise((r) => setTimeout(r, 10));
    expect(job.done()).toBe(1); // waiting
    loop.setPace(0);
    await until(() => job.done() > 20);
    loop.setPace(60_000);
    const at = job.done();
    await new Promise((r) => setTimeout(r, 10));
    expect(job.done()).toBeLessThanOrEqual(at + 1);
    loop.control('pause');
    await new Promise((r) => setTimeout(r, 10));
    expect(loop.state).toBe('paused');
    loop.control('resume'); // one driver only: no second loop runs alongside the woken one
    await until(() => job.done() >= at + 2);
    await new Promise((r) => setTimeout(r, 10));
    expect(job.done()).toBeLessThanOrEqual(at + 3);
    loop.control('cancel');
  });
});
