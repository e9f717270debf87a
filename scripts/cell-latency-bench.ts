/**
 * Does "a cell is priced as the sum of its parts" (core/latency/lutKeys cellLutOps) predict whole cell networks, or
 * does a fitted per-cell constant help? Measured on the Node CPU backend (tfjs-backend-cpu with the engine's fast
 * kernels), batch 1, inference, with the profiler's own subjects and interleaved sampling (engine/latency).
 *
 *   npx tsx scripts/cell-latency-bench.ts [--nets 40] [--held-out 16] [--seed 1] [--samples 21] [--width 1] [--tiny]
 *
 * Networks: the shared skeleton (28×28×1, 10 classes) with each slot a random valid canonical cell (probability 0.6)
 * or MB k3e3 / k5e3 / identity where allowed, so the number of cells varies from network to network (a per-cell
 * constant is not absorbed by the intercept). Every LUT entry the networks need (layer keys and cell parts) is measured
 * too. Predictors, fitted on the first networks and scored on the held-out ones:
 *   Σ parts                      ΣLUT as is
 *   Σ parts + κ·#cells           κ by least squares on the residual measured − ΣLUT
 *   a·Σ + c                      the app's predictor without the dispatch term (dispatches are a GPU feature)
 *   a·Σ + κ·#cells + c
 * Prints a Markdown table (for docs/autospace-latency.md) and the raw numbers as JSON.
 */
import * as tf from '@tensorflow/tfjs';
import { cpus, loadavg } from 'node:os';
import type { ArchSpec } from '../src/core/archspec';
import { cellLutOps, lutKey, specLutOps, type LutOp } from '../src/core/latency/lutKeys';
import { rngStream, type Rng } from '../src/core/rng';
import { CELL_EDGE_OPS, CELL_EDGES, CELL_EXPANSIONS, canonicalCell, cellName, cellProblem, type Cell } from '../src/core/space/cell';
import { genotypeSpec, slotShapes, type SkeletonShape } from '../src/core/space/singlePath';
import { installFastCpuKernels } from '../src/engine/cpuKernels';
import { InterleavedMeasurer, type SubjectSpec } from '../src/engine/latency/interleave';
import { networkSubject, opSubject } from '../src/engine/latency/subjects';
import { DEFAULT_TIMING } from '../src/engine/latency/timing';
import { arg } from './scriptArgs';

function randomCell(rng: Rng, stride: number): Cell {
  for (;;) {
    const c: Cell = { e: CELL_EXPANSIONS[rng.int(CELL_EXPANSIONS.length)], edges: CELL_EDGES.map(() => CELL_EDGE_OPS[rng.int(CELL_EDGE_OPS.length)]) };
    if (!cellProblem(c, stride)) return canonicalCell(c);
  }
}

/** Least squares: coefficients of y ≈ X·β (normal equations, Gaussian elimination; X has ≤ 3 columns). */
function lstsq(X: number[][], y: number[]): number[] {
  const p = X[0].length;
  const A = Array.from({ length: p }, (_, i) => Array.from({ length: p + 1 }, (_, j) => X.reduce((s, r, n) => s + r[i] * (j < p ? r[j] : y[n]), 0)));
  for (let i = 0; i < p; i++) {
    let best = i;
    for (let r = i + 1; r < p; r++) if (Math.abs(A[r][i]) > Math.abs(A[best][i])) best = r;
    [A[i], A[best]] = [A[best], A[i]];
    for (let r = 0; r < p; r++) {
      if (r === i) continue;
      const f = A[r][i] / A[i][i];
      for (let c = i; c <= p; c++) A[r][c] -= f * A[i][c];
    }
  }
  return A.map((row, i) => row[p] / row[i]);
}

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const nets = Number(arg('nets', '40'));
  const heldOut = Number(arg('held-out', '16'));
  const seed = Number(arg('seed', '1'));
  const samples = Number(arg('samples', '21'));
  const sk: SkeletonShape = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: Number(arg('width', '1')), tiny: process.argv.includes('--tiny') };
  await tf.setBackend('cpu');
  installFastCpuKernels();
  await tf.ready();
  const load0 = loadavg();

  const rng = rngStream(seed, 'cell-latency-bench');
  const specs: { spec: ArchSpec; cells: number }[] = [];
  for (let n = 0; n < nets; n++) {
    let cells = 0;
    const g = slotShapes(sk.width).map((s) => {
      if (rng.next() < 0.6) {
        cells++;
        return cellName(randomCell(rng, s.stride));
      }
      const ops = ['k3e3', 'k5e3', ...(s.stride === 1 && s.cin === s.cout ? ['skip'] : [])];
      return ops[rng.int(ops.length)];
    });
    specs.push({ spec: genotypeSpec(g, sk, { name: `net ${n + 1}: ${g.join(' ')}` }), cells });
  }

  // Every LUT entry the networks need: layer keys, and the parts of every cell.
  const ops = new Map<string, LutOp>();
  const lutKeysOf = specs.map(({ spec }) => {
    const keys: string[] = [];
    for (const { layer, inShape, op } of specLutOps(spec)) {
      const parts: LutOp[] = layer.type === 'cell' ? cellLutOps(layer, inShape) : op ? [op] : [];
      if (!parts.length && layer.type !== 'skip') throw new Error(`no LUT op for layer ${layer.type}`);
      for (const p of parts) {
        const k = lutKey(p);
        ops.set(k, p);
        keys.push(k);
      }
    }
    return keys;
  });

  const env = { now: () => performance.now(), yieldToEvents: () => Promise.resolve(), isVisibleSince: () => true };
  const subjects: SubjectSpec[] = [
    ...[...ops].map(([k, op]) => ({ id: k, label: k, create: () => opSubject(op, rngStream(seed, `lut ${k}`)) })),
    ...specs.map(({ spec }, i) => ({ id: `net${i}`, label: spec.name, create: () => networkSubject(spec, rngStream(seed, `net ${i}`)) })),
  ];
  const t0 = performance.now();
  const m = new InterleavedMeasurer(subjects, env, { samples, timing: DEFAULT_TIMING });
  let last = 0;
  await m.run(undefined, (done, total) => {
    if (performance.now() - last > 10_000) {
      last = performance.now();
      process.stderr.write(`  ${done}/${total} units\n`);
    }
  });
  const byId = new Map(m.results().map((r) => [r.id, r]));
  m.dispose();
  if (m.failures.size) throw new Error(`failed: ${[...m.failures].map(([k, e]) => `${k}: ${e}`).join('; ')}`);
  const wallS = (performance.now() - t0) / 1000;

  const rows = specs.map(({ spec, cells }, i) => ({
    name: spec.name,
    cells,
    sum: lutKeysOf[i].reduce((s, k) => s + byId.get(k)!.medianMs, 0),
    measured: byId.get(`net${i}`)!.medianMs,
    mad: byId.get(`net${i}`)!.madMs,
  }));
  const fit = rows.slice(0, nets - heldOut);
  const test = rows.slice(nets - heldOut);
  const kappa = lstsq(fit.map((r) => [r.cells]), fit.map((r) => r.measured - r.sum))[0];
  const [a2, c2] = lstsq(fit.map((r) => [r.sum, 1]), fit.map((r) => r.measured));
  const [a3, k3, c3] = lstsq(fit.map((r) => [r.sum, r.cells, 1]), fit.map((r) => r.measured));
  const models: { name: string; params: string; f: (r: (typeof rows)[number]) => number }[] = [
    { name: 'Σ parts', params: '—', f: (r) => r.sum },
    { name: 'Σ parts + κ·#cells', params: `κ = ${kappa.toFixed(3)} ms`, f: (r) => r.sum + kappa * r.cells },
    { name: 'a·Σ + c', params: `a = ${a2.toFixed(3)}, c = ${c2.toFixed(3)} ms`, f: (r) => a2 * r.sum + c2 },
    { name: 'a·Σ + κ·#cells + c', params: `a = ${a3.toFixed(3)}, κ = ${k3.toFixed(3)} ms, c = ${c3.toFixed(3)} ms`, f: (r) => a3 * r.sum + k3 * r.cells + c3 },
  ];
  const score = (f: (r: (typeof rows)[number]) => number, set: typeof rows) => {
    const ape = set.map((r) => Math.abs(f(r) - r.measured) / r.measured);
    return { mape: (100 * ape.reduce((s, x) => s + x, 0)) / ape.length, maxApe: 100 * Math.max(...ape), medApe: 100 * median(ape) };
  };
  const cpu = cpus();
  console.log(`Machine: ${cpu[0]?.model ?? '?'} (${cpu.length} logical CPUs, shared), Node ${process.version}, tfjs ${tf.version.tfjs} cpu backend + engine fast kernels; load average ${load0.map((x) => x.toFixed(2)).join(' ')} before, ${loadavg().map((x) => x.toFixed(2)).join(' ')} after.`);
  console.log(`Skeleton ${sk.input.height}×${sk.input.width}, width ${sk.width}${sk.tiny ? ', tiny' : ''}; ${nets} networks (${nets - heldOut} fit, ${heldOut} held out), ${ops.size} LUT entries, ${samples} interleaved samples each (median), ${wallS.toFixed(0)} s of measuring; seed ${seed}.`);
  console.log(`Measured network latency: ${Math.min(...rows.map((r) => r.measured)).toFixed(2)}–${Math.max(...rows.map((r) => r.measured)).toFixed(2)} ms; cells per network ${Math.min(...rows.map((r) => r.cells))}–${Math.max(...rows.map((r) => r.cells))}.`);
  console.log('');
  console.log('| predictor | fitted | held-out MAPE | median APE | max APE | fit-set MAPE |');
  console.log('|---|---|---|---|---|---|');
  for (const md of models) {
    const t = score(md.f, test);
    const f = score(md.f, fit);
    console.log(`| ${md.name} | ${md.params} | ${t.mape.toFixed(1)} % | ${t.medApe.toFixed(1)} % | ${t.maxApe.toFixed(1)} % | ${f.mape.toFixed(1)} % |`);
  }
  console.log('');
  console.log(JSON.stringify({ rows, kappa, a2, c2, a3, k3, c3 }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
