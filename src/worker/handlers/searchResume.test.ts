/**
 * Issue 16 §1 through the worker: a search posts `search/checkpoint` events; `search/start { resume }` with the bytes
 * of one continues the run in a fresh worker context, and its record is the uninterrupted run's.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResultRecord } from '../../core/method/resultRecord';
import { presetConfig } from '../../core/settings/group';
import { syntheticData, useCpuBackend } from '../../engine/testing';
import { getMethod } from '../../methods/registry';
import { createContext, type WorkerContext } from '../context';
import type { WorkerEvent } from '../protocol';
import { summarize } from './dataset';
import { searchHandlers } from './search';

function setup(): { ctx: WorkerContext; events: WorkerEvent[] } {
  const events: WorkerEvent[] = [];
  const ctx = createContext((ev) => events.push(ev));
  ctx.backend = { backend: 'cpu', tfjsVersion: tf.version.tfjs, fallbackReasons: [] };
  const { dataset, split } = syntheticData(160, 4, 8);
  ctx.data = { dataset, split, summary: summarize(dataset, split, []) };
  return { ctx, events };
}

type Start = typeof searchHandlers['search/start'];
const start = (ctx: WorkerContext, req: Record<string, unknown>) => (searchHandlers['search/start'] as NonNullable<Start>)({ type: 'search/start', id: 1, ...req } as never, ctx);

async function until(events: WorkerEvent[], pred: (e: WorkerEvent) => boolean, ms = 60_000): Promise<WorkerEvent> {
  const t0 = Date.now();
  for (;;) {
    const hit = events.find(pred);
    if (hit) return hit;
    if (Date.now() - t0 > ms) throw new Error('timed out waiting for an event');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const learned = (r: ResultRecord) => ({ arch: r.archSpec, val: r.valAccuracy, test: r.testAccuracy, history: r.history.map(({ seconds: _s, ...h }) => h), candidates: (r as unknown as { candidates: unknown }).candidates });

describe('search checkpoints through the worker', () => {
  beforeAll(useCpuBackend);

  it('a run resumed from its search/checkpoint bytes in a fresh context ends with the uninterrupted record', async () => {
    const random = getMethod('random')!;
    const config = { ...(presetConfig(random.settings) as Record<string, unknown>), width: 0.25, samples: 2, steps: 3, finalEpochs: 2, trainLimit: 0, batchSize: 16, windowLo: 0, windowHi: 1 };
    const a = setup();
    await start(a.ctx, { runId: 'r1', method: 'random', config });
    const fin = (await until(a.events, (e) => e.type === 'search/final')) as Extract<WorkerEvent, { type: 'search/final' }>;
    const cps = a.events.filter((e): e is Extract<WorkerEvent, { type: 'search/checkpoint' }> => e.type === 'search/checkpoint');
    expect(cps.length).toBeGreaterThan(0); // at least the retraining's first epoch end
    const cp = cps[0];
    expect(cp.step).toBeLessThan(cp.totalSteps);

    const b = setup();
    const started: unknown = await start(b.ctx, { runId: 'r1', method: 'random', config: {}, resume: cp.bytes.slice() });
    expect(started).toMatchObject({ startStep: cp.step });
    const fin2 = (await until(b.events, (e) => e.type === 'search/final')) as Extract<WorkerEvent, { type: 'search/final' }>;
    expect(learned(fin2.record)).toEqual(learned(fin.record));
    expect(fin2.record.card.settings).toEqual(fin.record.card.settings);
    await until(b.events, (e) => e.type === 'run/state' && e.state === 'done');
  }, 120_000);

  it('refuses the checkpoint of another method before building anything', async () => {
    const { ctx } = setup();
    const random = getMethod('random')!;
    const config = { ...(presetConfig(random.settings) as Record<string, unknown>), width: 0.25, samples: 1, steps: 2, finalEpochs: 1, trainLimit: 0, batchSize: 16 };
    const a = setup();
    await start(a.ctx, { runId: 'r1', method: 'random', config });
    await until(a.events, (e) => e.type === 'search/final');
    const cp = a.events.find((e) => e.type === 'search/checkpoint') as Extract<WorkerEvent, { type: 'search/checkpoint' }>;
    await expect(start(ctx, { runId: 'r2', method: 'atomnas', config: {}, resume: cp.bytes.slice() })).rejects.toThrow(/one of random, not of atomnas/);
  }, 60_000);
});
