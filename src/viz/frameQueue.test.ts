import { describe, expect, it } from 'vitest';
import { FrameQueue, type FrameHost } from './frameQueue';

/** A fake animation-frame host: frames run when the test says, and each job advances the clock by its cost. */
function fakeHost() {
  let next = 1;
  let clock = 0;
  const frames = new Map<number, () => void>();
  const host: FrameHost = {
    request: (cb) => {
      frames.set(next, cb);
      return next++;
    },
    cancel: (id) => void frames.delete(id),
    now: () => clock,
  };
  return {
    host,
    advance: (ms: number) => void (clock += ms),
    /** Frames requested and not yet run or cancelled. */
    get requested() {
      return frames.size;
    },
    /** Run the frames requested so far (those requested meanwhile wait for the next call). */
    frame() {
      const due = [...frames.entries()];
      frames.clear();
      for (const [, cb] of due) cb();
    },
  };
}

describe('FrameQueue', () => {
  it('runs cheap jobs together in one frame, in the order they were queued', () => {
    const h = fakeHost();
    const q = new FrameQueue(h.host, 8);
    const order: string[] = [];
    for (const name of ['loss', 'acc', 'ips']) q.schedule(() => order.push(name));
    expect(h.requested).toBe(1);
    h.frame();
    expect(order).toEqual(['loss', 'acc', 'ips']);
    expect(q.pending).toBe(0);
    expect(h.requested).toBe(0);
  });

  it('moves the rest to the next frame once a frame has used the budget, and always runs at least one', () => {
    const h = fakeHost();
    const q = new FrameQueue(h.host, 8);
    const order: string[] = [];
    const job = (name: string, ms: number) => () => {
      order.push(name);
      h.advance(ms);
    };
    q.schedule(job('a', 20)); // over the budget on its own: still runs
    q.schedule(job('b', 5));
    q.schedule(job('c', 5));
    q.schedule(job('d', 5));
    h.frame();
    expect(order).toEqual(['a']);
    expect(h.requested).toBe(1);
    h.frame(); // b at 0 ms, c at 5 ms (under the budget), d would start at 10 ms: next frame
    expect(order).toEqual(['a', 'b', 'c']);
    h.frame();
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    expect(q.pending).toBe(0);
    expect(h.requested).toBe(0);
  });

  it('runs a job queued several times before its frame once', () => {
    const h = fakeHost();
    const q = new FrameQueue(h.host);
    let runs = 0;
    const job = () => runs++;
    q.schedule(job);
    q.schedule(job);
    h.frame();
    expect(runs).toBe(1);
  });

  it('takes a cancelled job off the queue and drops the frame when nothing is left', () => {
    const h = fakeHost();
    const q = new FrameQueue(h.host);
    let runs = 0;
    const cancel = q.schedule(() => runs++);
    cancel();
    expect(q.pending).toBe(0);
    expect(h.requested).toBe(0);
    h.frame();
    expect(runs).toBe(0);
  });

  it('does not run a job that an earlier job of the same frame cancelled', () => {
    const h = fakeHost();
    const q = new FrameQueue(h.host);
    const order: string[] = [];
    let cancelB = () => {};
    q.schedule(() => {
      order.push('a');
      cancelB();
    });
    cancelB = q.schedule(() => order.push('b'));
    h.frame();
    expect(order).toEqual(['a']);
  });

  it('runs a job queued while a frame runs in the next frame', () => {
    const h = fakeHost();
    const q = new FrameQueue(h.host);
    const order: string[] = [];
    const again = () => order.push('again');
    q.schedule(() => {
      order.push('first');
      q.schedule(again);
    });
    h.frame();
    expect(order).toEqual(['first']);
    h.frame();
    expect(order).toEqual(['first', 'again']);
  });

  it('keeps the rest of the queue going after a job throws', () => {
    const h = fakeHost();
    const q = new FrameQueue(h.host, 8);
    const order: string[] = [];
    q.schedule(() => {
      h.advance(10);
      throw new Error('draw failed');
    });
    q.schedule(() => order.push('next'));
    expect(() => h.frame()).toThrow('draw failed');
    expect(h.requested).toBe(1);
    h.frame();
    expect(order).toEqual(['next']);
  });
});
