import { describe, expect, it } from 'vitest';
import { HEARTBEAT, SILENT_MS, WorkerClient, WorkerCrashError, WorkerRequestError, type WorkerLike } from './client';
import type { WorkerEvent, WorkerRequest } from './protocol';

class FakeWorker implements WorkerLike {
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  onmessageerror: ((ev: MessageEvent) => void) | null = null;
  sent: WorkerRequest[] = [];
  terminated = false;
  postMessage(msg: unknown): void {
    this.sent.push(msg as WorkerRequest);
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(ev: WorkerEvent): void {
    this.onmessage?.({ data: ev } as MessageEvent);
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const client = new WorkerClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  });
  return { client, workers };
}

describe('WorkerClient', () => {
  it('matches responses to requests by id', async () => {
    const { client, workers } = setup();
    const a = client.request('run/control', { action: 'pause' });
    const b = client.request('run/control', { action: 'resume' });
    const [ra, rb] = workers[0].sent;
    expect(ra).toMatchObject({ type: 'run/control', action: 'pause' });
    workers[0].emit({ type: 'response', id: rb.id, ok: true, result: { state: 'running' } });
    workers[0].emit({ type: 'response', id: ra.id, ok: true, result: { state: 'paused' } });
    expect(await a).toEqual({ state: 'paused' });
    expect(await b).toEqual({ state: 'running' });
  });

  it('rejects with the file named by the worker', async () => {
    const { client, workers } = setup();
    const p = client.request('dataset/files', { files: [] });
    workers[0].emit({ type: 'response', id: workers[0].sent[0].id, ok: false, error: { message: 'bad magic', file: 'x.idx' } });
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerRequestError);
    expect(err).toMatchObject({ message: 'bad magic', file: 'x.idx', requestType: 'dataset/files' });
  });

  it('fans events out to subscribers until they unsubscribe', () => {
    const { client, workers } = setup();
    const got: string[] = [];
    const off = client.on((e) => got.push(e.type));
    workers[0].emit({ type: 'ready' });
    off();
    workers[0].emit({ type: 'ready' });
    expect(got).toEqual(['ready']);
  });

  it('on a crash rejects pending requests, respawns and tells listeners', async () => {
    const { client, workers } = setup();
    const reasons: string[] = [];
    client.onCrash((r) => reasons.push(r));
    const p = client.request('init', {});
    workers[0].onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent);
    await expect(p).rejects.toBeInstanceOf(WorkerCrashError);
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    expect(reasons[0]).toContain('out of memory');
    expect(client.restarts).toBe(1);
    // The new worker is the one that receives requests.
    void client.request('init', {});
    expect(workers[1].sent).toHaveLength(1);
  });

  it('a worker that goes silent (no heartbeat, no event: hung, or exited without an error) is respawned within 5 s', async () => {
    let now = 1000;
    const workers: FakeWorker[] = [];
    const client = new WorkerClient(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    }, { now: () => now });
    const reasons: string[] = [];
    client.onCrash((r) => reasons.push(r));
    // Not judged before the worker has spoken once (loading the module may take a while).
    now += 60_000;
    expect(client.checkHeartbeat()).toBe(false);
    workers[0].emit({ type: 'ready' });
    const p = client.request('train/start', { runId: 'r', settings: {} as never });
    for (let t = 0; t < 4; t++) {
      now += 1000;
      workers[0].onmessage?.({ data: HEARTBEAT } as MessageEvent);
      expect(client.checkHeartbeat()).toBe(false);
    }
    // Heartbeats are transport only: listeners never see them.
    const seen: string[] = [];
    client.on((ev) => seen.push(ev.type));
    workers[0].onmessage?.({ data: HEARTBEAT } as MessageEvent);
    expect(seen).toEqual([]);
    // Then silence: noticed once SILENT_MS have passed.
    now += SILENT_MS - 1;
    expect(client.checkHeartbeat()).toBe(false);
    now += 2;
    expect(client.checkHeartbeat()).toBe(true);
    await expect(p).rejects.toThrow(/stopped: it sent nothing for 5 s/);
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(reasons[0]).toMatch(/sent nothing for 5 s.*hung or exited without an error/);
    // The fresh worker is not judged before it has spoken.
    now += 60_000;
    expect(client.checkHeartbeat()).toBe(false);
  });

  it('the silence limit can be widened (a CPU backend blocks the worker during a step)', () => {
    let now = 0;
    const workers: FakeWorker[] = [];
    const client = new WorkerClient(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    }, { now: () => now });
    workers[0].emit({ type: 'ready' });
    client.silentMs = 60_000;
    now += 30_000;
    expect(client.checkHeartbeat()).toBe(false);
    now += 30_001;
    expect(client.checkHeartbeat()).toBe(true);
  });
});
