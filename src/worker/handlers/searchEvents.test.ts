/**
 * "Next event" through the real worker handlers in Node (tfjs CPU): a paused random search runs to its first scored
 * candidate (the method's `events`), announces it in 'run/event' and pauses there; `run/pace` slows the loop down.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { presetConfig } from '../../core/settings/group';
import { syntheticData, useCpuBackend } from '../../engine/testing';
import { getMethod } from '../../methods/registry';
import { createContext } from '../context';
import type { WorkerEvent } from '../protocol';
import { summarize } from './dataset';
import { searchHandlers } from './search';
import { trainHandlers } from './train';

const random = getMethod('random')!;
const config = { ...(presetConfig(random.settings) as Record<string, unknown>), width: 0.25, samples: 3, steps: 4, finalEpochs: 1, trainLimit: 0, batchSize: 16, windowLo: 0, windowHi: 1 };

async function waitFor(events: WorkerEvent[], pred: (e: WorkerEvent) => boolean, ms = 60_000): Promise<WorkerEvent> {
  const t0 = Date.now();
  for (;;) {
    const hit = events.find(pred);
    if (hit) return hit;
    if (Date.now() - t0 > ms) throw new Error('timed out waiting for an event');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('search/start with next-event and pace', () => {
  beforeAll(useCpuBackend);

  it('stops at the first scored candidate and says so', async () => {
    const events: WorkerEvent[] = [];
    const ctx = createContext((ev) => events.push(ev));
    ctx.backend = { backend: 'cpu', tfjsVersion: tf.version.tfjs, fallbackReasons: [] };
    const { dataset, split } = syntheticData(160, 4, 8);
    ctx.data = { dataset, split, summary: summarize(dataset, split, []) };
    const start = searchHandlers['search/start']!;
    const started = await start({ type: 'search/start', id: 1, runId: 's1', method: 'random', config, paused: true, paceMs: 5 }, ctx);
    expect(ctx.loop.pace).toBe(5);
    expect(ctx.loop.state).toBe('paused');
    const control = trainHandlers['run/control']!;
    await control({ type: 'run/control', id: 2, action: 'next-event' }, ctx);
    const ev = (await waitFor(events, (e) => e.type === 'run/event')) as Extract<WorkerEvent, { type: 'run/event' }>;
    expect(ev.stopped).toBe(true);
    expect(ev.events[0]).toMatch(/^Candidate 1 scored .* % on validation/);
    await waitFor(events, (e) => e.type === 'run/state' && e.state === 'paused' && events.indexOf(e) > events.indexOf(ev));
    expect(ctx.loop.state).toBe('paused');
    expect(ev.step).toBeLessThan((started as { totalSteps: number }).totalSteps);
    const pace = searchHandlers['run/pace']!;
    expect(await pace({ type: 'run/pace', id: 3, ms: 0 }, ctx)).toEqual({ ms: 0 });
    ctx.loop.control('reset');
  });
});
