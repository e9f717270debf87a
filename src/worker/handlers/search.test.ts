/**
 * The worker's generic handlers end to end in Node (tfjs CPU): `search/start` drives a registered method through
 * the run loop to a ResultRecord; each screen exports its own result (`model/export {owner}`), never another's;
 * bad configs and unknown methods are refused before anything is built.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { resultRecordSchema, type ResultRecord } from '../../core/method/resultRecord';
import { presetConfig } from '../../core/settings/group';
import { recipeOf, TRAIN_GROUP } from '../../core/trainSettings';
import { syntheticData, tinySpec, useCpuBackend } from '../../engine/testing';
import { getMethod } from '../../methods/registry';
import { createContext, type WorkerContext } from '../context';
import type { RequestMap, WorkerEvent } from '../protocol';
import type { Handler } from '../registry';
import { summarize } from './dataset';
import { exportHandlers } from './export';
import { searchHandlers } from './search';
import { trainHandlers } from './train';

function setup(): { ctx: WorkerContext; events: WorkerEvent[] } {
  const events: WorkerEvent[] = [];
  const ctx = createContext((ev) => events.push(ev));
  ctx.backend = { backend: 'cpu', tfjsVersion: tf.version.tfjs, fallbackReasons: [] };
  const { dataset, split } = syntheticData(160, 4, 8);
  ctx.data = { dataset, split, summary: summarize(dataset, split, []) };
  return { ctx, events };
}

async function call<K extends keyof RequestMap>(table: { [T in keyof RequestMap]?: Handler<T> }, type: K, req: RequestMap[K]['req'], ctx: WorkerContext) {
  const h = table[type];
  if (!h) throw new Error(`no handler for ${type}`);
  const out = await h({ type, id: 1, ...req } as never, ctx);
  return (out instanceof Object && 'value' in out && 'list' in out ? out.value : out) as RequestMap[K]['res'];
}

async function until(events: WorkerEvent[], pred: (e: WorkerEvent) => boolean, ms = 60_000): Promise<WorkerEvent> {
  const t0 = Date.now();
  for (;;) {
    const hit = events.find(pred);
    if (hit) return hit;
    if (Date.now() - t0 > ms) throw new Error('timed out waiting for an event');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const random = getMethod('random');
const smallRandom = (): Record<string, unknown> => ({ ...(presetConfig(random!.settings) as Record<string, unknown>), width: 0.25, samples: 2, steps: 3, finalEpochs: 1, trainLimit: 0, batchSize: 16, windowLo: 0, windowHi: 1 });

describe('worker handlers: search/start, train/start, model/export', () => {
  beforeAll(useCpuBackend);

  it('drives a registered method to a record; its result exports under its own owner only', async () => {
    const { ctx, events } = setup();
    const started = await call(searchHandlers, 'search/start', { runId: 'r1', method: 'random', config: smallRandom() }, ctx);
    expect(started.totalSteps).toBeGreaterThan(0);
    const fin = (await until(events, (e) => e.type === 'search/final')) as Extract<WorkerEvent, { type: 'search/final' }>;
    await until(events, (e) => e.type === 'run/state' && e.state === 'done');
    const record: ResultRecord = fin.record;
    expect(resultRecordSchema.safeParse(record).success).toBe(true);
    expect(record).toMatchObject({ method: 'random', runId: 'r1', card: { backend: 'cpu', settings: { samples: 2 } } });
    expect(Array.isArray(record.candidates)).toBe(true);
    expect(events.some((e) => e.type === 'search/snapshot' && e.method === 'random')).toBe(true);
    const exported = await call(exportHandlers, 'model/export', { owner: 'random' }, ctx);
    expect(exported.check.maxAbsDiff).toBeLessThanOrEqual(1e-4);
    expect(exported.archSpec.layers.length).toBe(record.archSpec.layers.length);
    await expect(call(exportHandlers, 'model/export', { owner: 'train' }, ctx)).rejects.toThrow(/Nothing to export yet/);
  });

  it('a method whose network is exportable mid-run (AtomNAS) finishes to a record, and its found network exports', async () => {
    const { ctx, events } = setup();
    const atomnas = getMethod('atomnas')!;
    const config = { ...(presetConfig(atomnas.settings, 'tiny') as Record<string, unknown>), width: 0.25, epochs: 1, batchSize: 16, trainLimit: 0 };
    await call(searchHandlers, 'search/start', { runId: 'a1', method: 'atomnas', config }, ctx);
    const done = await until(events, (e) => (e.type === 'search/final' && e.runId === 'a1') || (e.type === 'run/state' && e.runId === 'a1' && e.state === 'error'), 120_000);
    expect(done.type === 'run/state' ? done.message : done.type).toBe('search/final');
    const record = (done as Extract<WorkerEvent, { type: 'search/final' }>).record;
    expect(resultRecordSchema.safeParse(record).success).toBe(true);
    const exported = await call(exportHandlers, 'model/export', { owner: 'atomnas' }, ctx);
    expect(exported.archSpec.layers.length).toBe(record.archSpec.layers.length);
    expect(exported.check.maxAbsDiff).toBeLessThanOrEqual(1e-4);
  });

  it('refuses a config out of range, naming the field, and an unknown method, before building anything', async () => {
    const { ctx } = setup();
    const before = tf.memory().numTensors;
    await expect(call(searchHandlers, 'search/start', { runId: 'r2', method: 'random', config: { ...smallRandom(), samples: 0 } }, ctx)).rejects.toThrow(/samples: must be at least 1/);
    await expect(call(searchHandlers, 'search/start', { runId: 'r3', method: 'nope', config: {} }, ctx)).rejects.toThrow(/Unknown method "nope"/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a Train recipe out of range (as from Compare\'s retrain or a stale saved run), naming the field', async () => {
    const { ctx } = setup();
    const before = tf.memory().numTensors;
    const settings = { ...presetConfig(TRAIN_GROUP), epochs: 1e9 };
    await expect(call(trainHandlers, 'train/start', { runId: 't0', settings, spec: tinySpec(4, 8) }, ctx)).rejects.toThrow(/epochs: must be at most 200/);
    await expect(call(trainHandlers, 'train/start', { runId: 't0', settings: { ...settings, epochs: 1, seed: -3 }, spec: tinySpec(4, 8) }, ctx)).rejects.toThrow(/seed: must be at least 0/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a finished Train run keeps its result when a search starts; a found spec trains from scratch under its own owner', async () => {
    const { ctx, events } = setup();
    const settings = { ...presetConfig(TRAIN_GROUP), epochs: 1, batchSize: 16, warmupSteps: 0 };
    expect(recipeOf(settings).nesterov).toBe(true);
    await call(trainHandlers, 'train/start', { runId: 't1', settings, spec: tinySpec(4, 8), paceMs: 1 }, ctx);
    expect(ctx.loop.pace).toBe(1); // the Train screen's slow motion from the first step
    const fin = (await until(events, (e) => e.type === 'train/final')) as Extract<WorkerEvent, { type: 'train/final' }>;
    expect(fin.record).toMatchObject({ method: 'train', testAccuracy: expect.any(Number) as number });
    await until(events, (e) => e.type === 'run/state' && e.runId === 't1' && e.state === 'done');
    await call(searchHandlers, 'search/start', { runId: 'r4', method: 'random', config: smallRandom() }, ctx);
    // The search replaced the Train job in the loop, but the finished Train result is still Train's to export.
    const trainExport = await call(exportHandlers, 'model/export', { owner: 'train' }, ctx);
    expect(trainExport.archSpec.name).toBe(tinySpec(4, 8).name);
    ctx.loop.control('reset');
    await call(trainHandlers, 'train/start', { runId: 't2', settings, spec: tinySpec(4, 8), owner: 'random-retrain' }, ctx);
    expect(ctx.loop.pace).toBe(0); // a retraining runs at full speed
    await until(events, (e) => e.type === 'train/final' && e.runId === 't2');
    expect(ctx.results.has('random-retrain')).toBe(true);
    ctx.loop.control('reset');
  });
});
