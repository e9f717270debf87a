import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkerLike } from '../worker/client';
import type { ProbeRunRequest, ProbeWorkerEvent } from '../worker/protocol';
import { LOAD_LIMIT_MS, probeBackends } from './backendProbe';

/** A probe worker whose backends start (or fail) and step at scripted times. */
class ScriptedWorker implements WorkerLike {
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  onmessageerror: ((ev: MessageEvent) => void) | null = null;
  terminated = false;
  runs: string[] = [];
  constructor(private readonly scripts: Record<string, { fail?: string; stepsMs: number[] }>) {
    setTimeout(() => this.emit({ type: 'probe/ready' }), 300); // loading the module
  }
  private emit(ev: ProbeWorkerEvent): void {
    if (!this.terminated) this.onmessage?.({ data: ev } as MessageEvent);
  }
  postMessage(msg: unknown): void {
    const { backend } = msg as ProbeRunRequest;
    this.runs.push(backend);
    const script = this.scripts[backend];
    if (script.fail) {
      setTimeout(() => this.emit({ type: 'probe/failed', backend, reason: script.fail as string }), 10);
      return;
    }
    let t = 10;
    script.stepsMs.forEach((ms, index) => {
      t += ms;
      setTimeout(() => this.emit({ type: 'probe/step', backend, index, ms }), t);
    });
    setTimeout(() => this.emit({ type: 'probe/done', backend, stepMs: script.stepsMs.slice(1) }), t + 1);
  }
  terminate(): void {
    this.terminated = true;
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('probeBackends', () => {
  it('gives each backend an equal share of what is left, terminates a backend whose share is spent, and keeps what it finished', async () => {
    vi.useFakeTimers();
    const scripts = {
      cpu: { stepsMs: [500, 100, 120, 110] }, // done in 0.84 s
      webgl: { stepsMs: [4000, 900, 900, 900] }, // first step in 4 s, then no time for a second one in its share
      webgpu: { stepsMs: [20_000, 50, 50, 50] }, // compiling for 20 s
    };
    const workers: ScriptedWorker[] = [];
    const shares: number[] = [];
    const spawn = () => {
      const w = new ScriptedWorker(scripts);
      workers.push(w);
      return w;
    };
    const done = probeBackends(['cpu', 'webgl', 'webgpu'], { spawn, now: () => Date.now(), onBackend: (_b, s) => shares.push(s) }, 10_000);
    await vi.advanceTimersByTimeAsync(12_000);
    const r = await done;
    expect(r.map((x) => x.status)).toEqual(['timed', 'first-only', 'unfinished']);
    expect(r[0]).toMatchObject({ backend: 'cpu', firstMs: 500, stepMs: [100, 120, 110] });
    expect(r[1]).toMatchObject({ backend: 'webgl', firstMs: 4000, stepMs: [] });
    expect(r[2]).toMatchObject({ backend: 'webgpu', stepMs: [] });
    // Loading a worker (0.3 s here) is not timing: the first share is a third of the whole.
    expect(shares[0]).toBe(3333);
    // The CPU's unused time passes on: webgl gets half of what is left after it, webgpu the rest.
    expect(shares[1]).toBeGreaterThan(4500);
    expect(shares[1] + shares[2]).toBeLessThanOrEqual(10_000 - 800);
    expect(shares[1] + shares[2]).toBeGreaterThan(10_000 - 900);
    // One worker for the CPU and WebGL (the CPU finished); the next one was loaded while WebGL ran and takes over when
    // WebGL's is stopped; none is left running.
    expect(workers.map((w) => w.runs)).toEqual([['cpu', 'webgl'], ['webgpu']]);
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  it('reports a worker that does not load in time, and a backend that cannot start, and moves on', async () => {
    vi.useFakeTimers();
    const never: WorkerLike = { onmessage: null, onerror: null, onmessageerror: null, postMessage: () => undefined, terminate: () => undefined };
    const done = probeBackends(['cpu'], { spawn: () => never, now: () => Date.now() }, 10_000);
    await vi.advanceTimersByTimeAsync(LOAD_LIMIT_MS + 10);
    expect(await done).toEqual([{ backend: 'cpu', status: 'failed', stepMs: [], shareMs: 10_000, reason: 'the probe worker did not load in 20 s' }]);
  });

  it('reports a backend that cannot start, with its reason, and moves on', async () => {
    vi.useFakeTimers();
    const scripts = { webgl: { fail: 'the webgl backend is not registered', stepsMs: [] }, cpu: { stepsMs: [100, 10, 10, 10] } };
    const done = probeBackends(['webgl', 'cpu'], { spawn: () => new ScriptedWorker(scripts), now: () => Date.now() }, 10_000);
    await vi.advanceTimersByTimeAsync(1000);
    const r = await done;
    expect(r[0]).toMatchObject({ backend: 'webgl', status: 'failed', reason: 'the webgl backend is not registered' });
    expect(r[1]).toMatchObject({ backend: 'cpu', status: 'timed', stepMs: [10, 10, 10] });
  });
});
