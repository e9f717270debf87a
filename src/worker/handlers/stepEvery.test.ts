/**
 * Step works for every registered method (issue 17 §4): a search started paused with the method's smallest preset
 * takes exactly one optimisation step on 'step' and stays paused, reporting done = 1.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { presetConfig } from '../../core/settings/group';
import { syntheticData, useCpuBackend } from '../../engine/testing';
import { METHODS } from '../../methods/registry';
import { createContext } from '../context';
import type { WorkerEvent } from '../protocol';
import { summarize } from './dataset';
import { searchHandlers } from './search';

async function waitFor(events: WorkerEvent[], pred: (e: WorkerEvent) => boolean, ms = 120_000): Promise<void> {
  const t0 = Date.now();
  while (!events.some(pred)) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('Step, for every method', () => {
  beforeAll(useCpuBackend);

  for (const m of METHODS) {
    it(`${m.id}: one step from paused, then still paused`, async () => {
      const events: WorkerEvent[] = [];
      const ctx = createContext((ev) => events.push(ev));
      ctx.backend = { backend: 'cpu', tfjsVersion: tf.version.tfjs, fallbackReasons: [] };
      const { dataset, split } = syntheticData(160, 4, 8);
      ctx.data = { dataset, split, summary: summarize(dataset, split, []) };
      const preset = 'first-look' in m.settings.presets ? 'first-look' : 'tiny';
      const config = { ...(presetConfig(m.settings, preset) as Record<string, unknown>), trainLimit: 64, batchSize: 16 };
      await searchHandlers['search/start']!({ type: 'search/start', id: 1, runId: `s-${m.id}`, method: m.id, config, paused: true }, ctx);
      expect(ctx.loop.state).toBe('paused');
      ctx.loop.control('step');
      await waitFor(events, (e) => e.type === 'run/progress' && e.done === 1);
      await new Promise((r) => setTimeout(r, 50));
      expect(ctx.loop.state).toBe('paused');
      const last = events.filter((e) => e.type === 'run/progress').at(-1);
      expect(last).toMatchObject({ done: 1 });
      ctx.loop.control('reset');
    }, 180_000);
  }
});
