import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { atomnasPreset, type AtomNasSettings } from '../settings';
import type { ArchSpec } from '../../../core/archspec';
import { archCosts } from '../../../core/costs';
import { liveTensors, syntheticData, useCpuBackend } from '../../../engine/testing';
import type { MethodContext } from '../../runTypes';
import { searchableLayers } from './atoms';
import { createRun } from './index';
import { AtomNasRun } from './run';

beforeAll(useCpuBackend);

const data = syntheticData(240, 4, 8, 3);
const ctx: MethodContext = { data, profile: null };

/**
 * Every searched block of the supernet, in the found spec: an MB block that kept at least one atom (hidden channel),
 * or an identity `skip` where the supernet block had a residual connection. Returns one line per violation.
 */
function searchedBlockProblems(supernet: ArchSpec, found: ArchSpec): string[] {
  const problems: string[] = [];
  for (const i of searchableLayers(supernet)) {
    const before = supernet.layers[i];
    const after = found.layers[i];
    if (before.type !== 'mb') throw new Error(`layer ${i} of the supernet is not an MB block`);
    if (after.type === 'mb') {
      const atoms = after.branches.reduce((n, b) => n + b.hidden, 0);
      if (!(atoms >= 1) || after.branches.some((b) => !(b.hidden >= 1))) problems.push(`layer ${i}: MB block with ${atoms} atoms`);
    } else if (after.type === 'skip') {
      if (!before.residual) problems.push(`layer ${i}: a block without a residual connection became a skip`);
    } else {
      problems.push(`layer ${i}: became a '${after.type}' layer, neither an MB block with atoms nor a skip`);
    }
  }
  return problems;
}

/**
 * 8×8 input, half width: a supernet small enough for a few dozen CPU steps, with ρ strong enough to kill atoms.
 * The later blocks see 1×1 maps, where batch-statistics BN amplifies gradients by 1/σ of nearly constant channels; at
 * the presets' lr 0.1 that config sits on the edge of divergence (float summation order alone decides), so lr 0.03.
 */
function settings(patch: Partial<AtomNasSettings> = {}): AtomNasSettings {
  return {
    ...atomnasPreset('tiny'),
    width: 0.5,
    epochs: 3,
    batchSize: 16,
    trainLimit: 0,
    rho: 0.5,
    rampFrac: 0.05,
    shrinkEvery: 3,
    emaDecay: 0.5,
    bnRecalBatches: 2,
    lr: 0.03,
    ...patch,
  };
}

async function runAll(run: AtomNasRun): Promise<void> {
  while (run.trainer.stepIndex < run.totalSteps) await run.step();
  await run.finish();
}

describe('AtomNasRun', () => {
  it('shrinks during training; reported MACs and params match archCosts of the spec at every event', async () => {
    const start = liveTensors();
    const run = createRun(ctx, settings());
    const started = run.start();
    const supernet = archCosts(run.net.spec);
    expect(started).toMatchObject({ macs: supernet.macs, params: supernet.params, totalSteps: run.totalSteps, totalEpochs: 3 });
    expect(started.totalSteps).toBe(started.stepsPerEpoch * 3);
    expect(run.supernetMacs).toBe(supernet.macs);
    let prevAfter = supernet.macs;
    let checked = 0;
    while (run.trainer.stepIndex < run.totalSteps) {
      const before = run.events.length;
      const r = await run.step();
      expect(r.epoch).toBe(Math.floor(r.done / started.stepsPerEpoch)); // completed epochs
      if (run.events.length > before) {
        const ev = run.events[run.events.length - 1];
        const c = archCosts(run.net.spec);
        expect(ev.macsBefore).toBe(prevAfter);
        expect(ev.macsAfter).toBe(c.macs);
        expect(ev.paramsAfter).toBe(c.params);
        expect(run.net.params.count((e) => e.trainable)).toBe(c.params);
        expect(run.ema!.net.spec).toBe(run.net.spec);
        prevAfter = ev.macsAfter;
        checked++;
      }
    }
    await run.finish();
    expect(checked).toBeGreaterThan(0);
    expect(run.macs).toBeLessThan(supernet.macs);
    const o = run.outcome();
    expect(archCosts(o.archSpec).macs).toBe(run.macs);
    expect(o.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(o.valAccuracy).toBeGreaterThanOrEqual(0);
    expect(o.resultSteps).toBe(run.totalSteps);
    expect(o.history.map((h) => h.epoch)).toEqual([1, 2, 3]);
    expect(o.history.every((h) => typeof h.valAccuracy === 'number')).toBe(true);
    expect(o.extras).toMatchObject({ supernetMacs: supernet.macs, supernetParams: supernet.params, supernetLatency: null, steps: run.totalSteps });
    expect((o.extras.events as unknown[]).length).toBe(checked);
    // The fixed block is never touched; every searched block keeps ≥ 1 atom or became a skip (residual blocks only).
    const fixed = run.supernet.meta?.fixedLayer as number;
    expect(o.archSpec.layers[fixed]).toEqual(run.supernet.layers[fixed]);
    expect(o.archSpec.layers[fixed]).toMatchObject({ type: 'mb', expand: false });
    expect(searchableLayers(run.supernet)).toHaveLength(7);
    expect(searchedBlockProblems(run.supernet, o.archSpec)).toEqual([]);
    const snap = run.snapshot();
    expect(snap.gamma.length).toBe(run.atoms.reduce((s, b) => s + b.kernel.length, 0));
    expect(snap.blocks.length).toBe(7);
    run.dispose();
    expect(liveTensors()).toBe(start);
  });

  it('subgradient mode (proximal off) trains through the regularizer and stays finite', async () => {
    const run = new AtomNasRun(ctx, settings({ proximal: false, epochs: 1, emaDecay: 0, rho: 1e-3 }));
    await runAll(run);
    expect(Number.isFinite(run.outcome().valAccuracy)).toBe(true);
    const snap = run.snapshot();
    expect(snap.loss.length).toBe(run.totalSteps);
    expect(Array.from(snap.rho).every((v) => v > 0 && v <= Math.fround(1e-3))).toBe(true);
    run.dispose();
  });

  it('latency penalty without a device profile is refused, not faked', () => {
    expect(() => createRun(ctx, settings({ penalty: 'latency' }))).toThrow(/device profile/);
  });

  it('the block check fails when a searched block has no atom, or a block without a residual became a skip', () => {
    const run = createRun(ctx, settings({ epochs: 1 }));
    try {
      const supernet = run.supernet;
      const searched = searchableLayers(supernet);
      const isResidual = (i: number) => (supernet.layers[i] as { residual?: boolean }).residual === true;
      const plain = searched.find((i) => !isResidual(i))!;
      const residual = searched.find(isResidual)!;
      const broken = (i: number, layer: ArchSpec['layers'][number]): ArchSpec => {
        const s = structuredClone(supernet);
        s.layers[i] = layer;
        return s;
      };
      const mb = supernet.layers[residual];
      if (mb.type !== 'mb') throw new Error('not an MB block');
      expect(searchedBlockProblems(supernet, supernet)).toEqual([]);
      expect(searchedBlockProblems(supernet, broken(residual, { type: 'skip', cin: mb.cin, cout: mb.cout }))).toEqual([]);
      expect(searchedBlockProblems(supernet, broken(residual, { ...mb, branches: mb.branches.map((b) => ({ ...b, hidden: 0 })) }))).toEqual([
        `layer ${residual}: MB block with 0 atoms`,
      ]);
      expect(searchedBlockProblems(supernet, broken(plain, { type: 'skip', cin: 8, cout: 8 }))).toEqual([
        `layer ${plain}: a block without a residual connection became a skip`,
      ]);
      expect(searchedBlockProblems(supernet, broken(plain, { type: 'gap' }))).toEqual([`layer ${plain}: became a 'gap' layer, neither an MB block with atoms nor a skip`]);
    } finally {
      run.dispose();
    }
  });

  it('release hands the result network over: dispose leaves it usable', async () => {
    const run = new AtomNasRun(ctx, settings({ epochs: 1 }));
    expect(run.liveNetwork()).toEqual({ net: run.network(), steps: 0 });
    await runAll(run);
    expect(run.liveNetwork()?.steps).toBe(run.totalSteps);
    const net = run.releaseNetwork();
    expect(net).toBe(run.network());
    expect(run.liveNetwork()).toBeNull();
    run.dispose();
    const x = tf.zeros<tf.Rank.R4>([2, 8, 8, 1]);
    const y = net.predict(x);
    expect(y.shape).toEqual([2, 4]);
    tf.dispose([x, y]);
    net.dispose();
  });
});
