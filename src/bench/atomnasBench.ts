/**
 * AtomNAS figures: step time and MACs at every step of a real search (the tiny preset, one epoch), then the step time
 * of the shrunk supernet against a freshly built static network of the same ArchSpec, in alternating blocks.
 */
import * as tf from '@tensorflow/tfjs';
import { atomnasPreset, type AtomNasSettings } from '../methods/atomnas/settings';
import { archCosts } from '../core/costs';
import { rngStream } from '../core/rng';
import { limitTrain } from '../data/split';
import { buildNetwork } from '../engine/network';
import { Trainer, type TrainConfig, type TrainData } from '../engine/trainer';
import { AtomNasRun } from '../methods/atomnas/run/run';
import type { AtomNasBenchSettings } from './args';
import type { MacsPoint } from './summary';

export interface AtomNasBenchOptions {
  /** Fields of the tiny preset replaced for the benchmark (width, batch, images, shrink cadence, ρ, EMA). */
  search: AtomNasBenchSettings;
  rounds: number;
  block: number;
  warmup: number;
}

export interface AtomNasBenchRaw {
  backend: string;
  settings: AtomNasSettings;
  supernetMacs: number;
  finalMacs: number;
  finalSpec: { name: string; macs: number; params: number; blocks: number };
  shrinkEvents: { step: number; macsBefore: number; macsAfter: number; removedAtoms: number }[];
  /** Wall time of every `run.step()` (training step + the method's work at that step) and the MACs that trained. */
  points: MacsPoint[];
  /** Comparison after the search: warm-up then rounds of `block` steps. */
  shrunkWarmupMs: number[];
  staticWarmupMs: number[];
  /** The shrunk supernet (its variables and names after slicing) under a plain Trainer, same recipe as the search. */
  shrunkBlocks: number[][];
  /** A freshly built network of the same ArchSpec under a plain Trainer, same recipe. */
  staticBlocks: number[][];
  /** The search's own trainer on the shrunk supernet (sliced optimizer state, AtomNAS proximal step included). */
  searchBlocks: number[][];
  memory: { before: tf.MemoryInfo; afterSearch: tf.MemoryInfo; afterDispose: tf.MemoryInfo };
}

const mem = (): tf.MemoryInfo => ({ ...tf.memory() });

/** Run the search and the comparison on `data` (the built-in MNIST and its split). */
export async function measureAtomNas(data: TrainData, o: AtomNasBenchOptions, log: (s: string) => void = () => {}): Promise<AtomNasBenchRaw> {
  const b = o.search;
  const settings: AtomNasSettings = {
    ...atomnasPreset('tiny'),
    epochs: 1,
    width: b.width,
    batchSize: b.batch,
    trainLimit: b.limit,
    shrinkEvery: b.shrinkEvery,
    rho: b.rho,
    emaDecay: b.emaDecay,
  };
  const before = mem();
  const run = new AtomNasRun({ data, profile: null, log }, settings);
  const points: MacsPoint[] = [];
  let staticNet: ReturnType<typeof buildNetwork> | null = null;
  const trainers: Trainer[] = [];
  try {
    for (let i = 0; i < run.totalSteps; i++) {
      const macs = run.macs;
      const t0 = performance.now();
      const s = await run.step();
      points.push({ step: s.done, macs, ms: performance.now() - t0 });
      if (s.done % 10 === 0) log(`search step ${s.done}/${run.totalSteps}: MACs ${(macs / 1e6).toFixed(3)}M, ${points[points.length - 1].ms.toFixed(0)} ms`);
    }
    const afterSearch = mem();
    const spec = run.net.spec;
    const costs = archCosts(spec);
    const cfg: TrainConfig = run.trainer.cfg;
    const trainData: TrainData = { dataset: data.dataset, split: limitTrain(data.split, settings.trainLimit) };
    const shrunk = new Trainer(run.net, trainData, cfg);
    trainers.push(shrunk);
    staticNet = buildNetwork(JSON.parse(JSON.stringify(spec)) as typeof spec, rngStream(settings.seed + 1, 'init'));
    const fresh = new Trainer(staticNet, trainData, cfg);
    trainers.push(fresh);
    const steps = async (t: Trainer, n: number): Promise<number[]> => {
      const out: number[] = [];
      for (let k = 0; k < n; k++) out.push((await t.trainStep()).ms);
      return out;
    };
    const shrunkWarmupMs = await steps(shrunk, Math.max(1, o.warmup));
    const staticWarmupMs = await steps(fresh, Math.max(1, o.warmup));
    await steps(run.trainer, Math.max(1, o.warmup));
    const shrunkBlocks: number[][] = [];
    const staticBlocks: number[][] = [];
    const searchBlocks: number[][] = [];
    for (let r = 0; r < o.rounds; r++) {
      // Each trainer takes each position in turn (rounds 0–2: S F X, F X S, X S F; then mirrored): measured
      // 2026-11-30, a trainer's blocks are slower when they always come first or last (0.977× against 1.051× for
      // the same shrunk ÷ static with the two swapped).
      const all: [Trainer, number[][]][] = [
        [shrunk, shrunkBlocks],
        [fresh, staticBlocks],
        [run.trainer, searchBlocks],
      ];
      const order = [...all.slice(r % 3), ...all.slice(0, r % 3)];
      if (Math.floor(r / 3) % 2 === 1) order.reverse();
      for (const [t, into] of order) into.push(await steps(t, o.block));
      log(`round ${r + 1}/${o.rounds}: shrunk ${shrunkBlocks[r].map((v) => v.toFixed(0)).join(', ')} ms; static ${staticBlocks[r].map((v) => v.toFixed(0)).join(', ')} ms`);
    }
    const blocks = spec.layers.filter((l) => l.type === 'mb').length;
    const result: Omit<AtomNasBenchRaw, 'memory'> = {
      backend: tf.getBackend(),
      settings,
      supernetMacs: run.supernetMacs,
      finalMacs: run.macs,
      finalSpec: { name: spec.name, macs: costs.macs, params: costs.params, blocks },
      shrinkEvents: run.events.map((e) => ({ step: e.step, macsBefore: e.macsBefore, macsAfter: e.macsAfter, removedAtoms: e.removedAtoms })),
      points,
      shrunkWarmupMs,
      staticWarmupMs,
      shrunkBlocks,
      staticBlocks,
      searchBlocks,
    };
    for (const t of trainers) t.dispose();
    trainers.length = 0;
    staticNet.dispose();
    staticNet = null;
    run.dispose();
    return { ...result, memory: { before, afterSearch, afterDispose: mem() } };
  } catch (e) {
    for (const t of trainers) t.dispose();
    staticNet?.dispose();
    run.dispose();
    throw e;
  }
}
