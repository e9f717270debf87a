/**
 * Cells (ArchSpec `CellLayer`) in the engine: documented variables, every mutated cell builds and runs, the analytic
 * parameter count equals the built network's, and the reference cell c3-zz3zzz computes exactly MB k3 e3.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchSpec, CellLayer } from '../core/archspec';
import { archCosts } from '../core/costs';
import { rngStream } from '../core/rng';
import { CELL_EDGE_OPS, CELL_EDGES, CELL_EXPANSIONS, cellLayer, cellName, cellProblem, mutateCell, REFERENCE_CELL, type Cell } from '../core/space/cell';
import { genotypeSpec, type SkeletonShape } from '../core/space/singlePath';
import { validateArchSpec } from '../core/validateArchSpec';
import { cellLutOps, lutKey } from '../core/latency/lutKeys';
import { opSubject } from './latency/subjects';
import { layerParamNames } from './layers';
import { buildNetwork, disposeBnStats, type Network } from './network';
import { CELL_GENOTYPE, liveTensors, useCpuBackend } from './testing';

beforeAll(useCpuBackend);

const SK: SkeletonShape = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: 0.5, tiny: true };

function oneCellSpec(cell: CellLayer, size = 6): ArchSpec {
  return {
    version: 1,
    name: 'one cell',
    input: { height: size, width: size, channels: 1 },
    numClasses: 3,
    layers: [
      { type: 'conv', cin: 1, cout: cell.cin, k: 3, stride: 1, relu: true },
      cell,
      { type: 'gap' },
      { type: 'dense', cin: cell.cout, cout: 3 },
    ],
  };
}

/** A random valid cell at `stride` (uniform ops, retried until valid). */
function randomCell(next: () => number, stride: number): Cell {
  for (;;) {
    const c: Cell = {
      e: CELL_EXPANSIONS[Math.floor(next() * CELL_EXPANSIONS.length)],
      edges: CELL_EDGES.map(() => CELL_EDGE_OPS[Math.floor(next() * CELL_EDGE_OPS.length)]),
    };
    if (!cellProblem(c, stride)) return c;
  }
}

/** Trainable parameters of a built network (running statistics are buffers, not parameters). */
function builtParams(net: Network): number {
  return net.params.names((e) => e.trainable).reduce((s, n) => s + net.params.get(n).size, 0);
}

function randomiseBn(net: Network, seed: number): void {
  const rng = rngStream(seed, 'bn');
  for (const name of net.params.names((e) => e.role.startsWith('bn-'))) {
    const v = net.params.get(name);
    const role = net.params.entry(name).role;
    const vals = Float32Array.from({ length: v.size }, () => (role === 'bn-var' || role === 'bn-gamma' ? 0.5 + rng.next() : rng.normal() * 0.3));
    const t = tf.tensor(vals, v.shape);
    net.params.set(name, t);
    t.dispose();
  }
}

async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  const v = (await d.data())[0];
  d.dispose();
  return v;
}

describe('cell layers in the engine', () => {
  it('names and shapes the variables as documented (README), only for computed edges', () => {
    const cell: CellLayer = { type: 'cell', cin: 4, cout: 6, stride: 2, hidden: 8, edges: ['pw', 'dw7', 'zero', 'id', 'dw5', 'dw3'], residual: false };
    const net = buildNetwork(validateArchSpec(oneCellSpec(cell)), rngStream(1, 'init'));
    const p = net.params;
    expect(p.get('L1.expand.w').shape).toEqual([1, 1, 4, 8]);
    expect(p.get('L1.expand.bn.gamma').shape).toEqual([8]);
    expect(p.get('L1.e01.w').shape).toEqual([1, 1, 8, 8]);
    expect(p.get('L1.e02.w').shape).toEqual([7, 7, 8, 1]);
    expect(p.get('L1.e02.bn.var').shape).toEqual([8]);
    expect(p.has('L1.e03.w')).toBe(false); // zero
    expect(p.has('L1.e12.w') || p.has('L1.e12.bn.gamma')).toBe(false); // identity: no variables
    expect(p.get('L1.e13.w').shape).toEqual([5, 5, 8, 1]);
    expect(p.get('L1.e23.w').shape).toEqual([3, 3, 8, 1]);
    expect(p.get('L1.project.w').shape).toEqual([1, 1, 8, 6]);
    expect(p.entry('L1.project.bn.mean').trainable).toBe(false);
    expect(p.names().sort()).toEqual(net.spec.layers.flatMap((l, i) => layerParamNames(l, `L${i}`)).sort());
    net.dispose();
  });

  it('every distinct cell of 2,000 mutations per stride builds, runs (training and inference) and has its analytic parameter count', async () => {
    const before = liveTensors();
    let built = 0;
    for (const stride of [1, 2]) {
      const rng = rngStream(10 + stride, 'walk');
      const next = () => rng.next();
      let parent: Cell = { ...REFERENCE_CELL, edges: [...REFERENCE_CELL.edges] };
      const seen = new Set<string>();
      const x = tf.randomUniform<tf.Rank.R4>([2, 5, 5, 1], 0, 1, 'float32', stride);
      for (let i = 0; i < 2000; i++) {
        // From a single-edge cell, one mutation can only change that edge or the expansion (any other new edge is dead
        // and canonicalised away), so the walk restarts from a random valid cell every 50 steps.
        if (i > 0 && i % 50 === 0) parent = randomCell(next, stride);
        const child = mutateCell(parent, stride, next);
        parent = child;
        const name = cellName(child);
        if (seen.has(name)) continue;
        seen.add(name);
        const spec = validateArchSpec(oneCellSpec(cellLayer(child, 3, stride === 1 ? 3 : 5, stride), 5));
        const net = buildNetwork(spec, rngStream(i, 'init'));
        expect(builtParams(net), name).toBe(archCosts(spec).params);
        const y = tf.tidy(() => {
          const r = net.apply(x, true);
          disposeBnStats(r.bnStats);
          return tf.concat([r.logits, net.predict(x)]);
        });
        expect(y.shape).toEqual([4, 3]);
        const vals = await y.data();
        expect(vals.every(Number.isFinite), name).toBe(true);
        y.dispose();
        net.dispose();
        built++;
      }
      x.dispose();
    }
    expect(built).toBeGreaterThan(300);
    expect(liveTensors()).toBeLessThanOrEqual(before);
  }, 300_000);

  it('a skeleton with a cell in every slot: analytic params = built parameters, and it trains a step', () => {
    const spec = genotypeSpec([...CELL_GENOTYPE], SK);
    expect(spec.layers.filter((l) => l.type === 'cell')).toHaveLength(7);
    const net = buildNetwork(validateArchSpec(spec), rngStream(2, 'init'));
    expect(builtParams(net)).toBe(archCosts(spec).params);
    // Gradients reach every trainable variable (no dead weights in a canonical cell).
    const x = tf.randomUniform<tf.Rank.R4>([2, 28, 28, 1], 0, 1, 'float32', 5);
    const vars = net.params.trainableVariables();
    const { value, grads } = tf.variableGrads(() => {
      const r = net.apply(x, true);
      disposeBnStats(r.bnStats);
      return tf.sum(tf.square(r.logits));
    }, vars);
    expect(Object.keys(grads).length).toBe(vars.length);
    tf.dispose([x, value, ...Object.values(grads)]);
    net.dispose();
  });

  it('the profiler can time every part a cell is priced by (shapes as the engine computes them, no leaks)', () => {
    const cell: CellLayer = { type: 'cell', cin: 4, cout: 4, stride: 1, hidden: 8, edges: ['pw', 'dw5', 'zero', 'id', 'dw3', 'pw'], residual: true };
    const before = liveTensors();
    const strided: CellLayer = { ...cell, stride: 2, cout: 6, residual: false, edges: ['pw', 'dw7', 'zero', 'zero', 'dw3', 'pw'] };
    for (const [l, shape] of [[cell, [5, 5, 4]], [strided, [5, 5, 4]]] as const) {
      for (const op of cellLutOps(l, [...shape])) {
        const s = opSubject(op, rngStream(1, lutKey(op)));
        const y = s.run();
        let want: number[] = [];
        if (op.op === 'conv') want = [1, Math.ceil(op.h / op.s), Math.ceil(op.w / op.s), op.cout];
        else if (op.op === 'dw') want = [1, Math.ceil(op.h / op.s), Math.ceil(op.w / op.s), op.c];
        else if (op.op === 'add') want = [1, op.h, op.w, op.c];
        expect(y.shape, lutKey(op)).toEqual(want);
        y.dispose();
        s.dispose();
      }
    }
    expect(liveTensors()).toBeLessThanOrEqual(before);
  });

  it('the reference cell c3-zz3zzz computes the logits of MB k3 e3 when given its weights', async () => {
    const mbSpec = genotypeSpec(Array.from({ length: 7 }, () => 'k3e3'), SK);
    const cellSpec = genotypeSpec(Array.from({ length: 7 }, () => 'c3-zz3zzz'), SK);
    const mb = buildNetwork(mbSpec, rngStream(3, 'init'));
    randomiseBn(mb, 4);
    const cell = buildNetwork(cellSpec, rngStream(99, 'other init'));
    // Cell names: e03 = the MB's single depthwise branch (dw0) with its BN (dw.bn); the rest has the MB's names.
    const toMb = (n: string): string => n.replace(/\.e03\.w$/, '.dw0.w').replace(/\.e03\.bn\./, '.dw.bn.');
    const names = cell.params.names();
    expect(names.map(toMb).sort()).toEqual(mb.params.names().sort());
    for (const n of names) cell.params.set(n, mb.params.get(toMb(n)));
    const x = tf.randomUniform<tf.Rank.R4>([8, 28, 28, 1], 0, 1, 'float32', 6);
    const a = mb.predict(x);
    const b = cell.predict(x);
    expect(await maxAbsDiff(a, b)).toBeLessThanOrEqual(1e-6);
    const train = (net: Network): tf.Tensor =>
      tf.tidy(() => {
        const r = net.apply(x, true);
        disposeBnStats(r.bnStats);
        return r.logits;
      });
    const ta = train(mb);
    const tb = train(cell);
    expect(await maxAbsDiff(ta, tb)).toBeLessThanOrEqual(1e-5);
    tf.dispose([x, a, b, ta, tb]);
    mb.dispose();
    cell.dispose();
  });
});
