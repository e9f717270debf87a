/**
 * Table rows from raw measurements: every derived number of the benchmark is computed here (pure), so the figures
 * can be re-derived from the raw section of any result file.
 */
import { figureCommand, type BenchOptions } from './args';
import type { AccuracyRaw } from './accuracyBench';
import type { AtomNasBenchRaw } from './atomnasBench';
import type { FigureRow } from './schema';
import { atLeast, atMost, finiteOrNull, imagesPerSecond, macsSegments, macsTrend, memoryVerdict, sideBySide, type Responsiveness } from './summary';
import type { MemoryRaw, PageEnv, TtfsRaw } from './tasks';
import type { GpuCounts } from '../engine/gpuCounters';
import type { GradBenchRaw } from './gradBench';
import type { ThroughputRaw } from './throughput';

const mm = (macs: number): string => `${(macs / 1e6).toFixed(3)} M MACs`;
const ms = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(v >= 100 ? 0 : 1)} ms` : '–');

/** Throughput of the engine and its ratio to the stock LayersModel on one backend. */
export function throughputRows(raw: ThroughputRaw, o: BenchOptions, backend: string, env?: Pick<PageEnv, 'fastCpuKernels'>): FigureRow[] {
  const figure = backend === 'node-cpu' ? 'throughput-node' : 'throughput';
  const cmd = figureCommand(figure, o, backend);
  const s = sideBySide(raw.engineBlocks, raw.stockBlocks);
  const eng = imagesPerSecond(raw.batch, s.a.medianMs);
  const stock = imagesPerSecond(raw.batch, s.b.medianMs);
  const net = `${raw.spec.name}, ${mm(raw.spec.macs)}, batch ${raw.batch}`;
  const cpuNote = env?.fastCpuKernels || backend === 'node-cpu' ? '; engine/cpuKernels fast CPU kernels installed for both' : '';
  const n = `${raw.engineBlocks.length} rounds × ${raw.engineBlocks[0]?.length ?? 0} steps per side after ${raw.engineWarmupMs.length} warm-up`;
  return [
    {
      figure,
      name: `Training throughput, engine (${net})`,
      value: finiteOrNull(eng),
      unit: 'img/s',
      pass: null,
      detail: `median ${ms(s.a.medianMs)}/step (MAD ${ms(s.a.madMs)}), n = ${s.a.n}; stock LayersModel ${stock.toFixed(1)} img/s; ${n}${cpuNote}`,
      backend,
      command: cmd,
    },
    {
      figure,
      name: 'Engine ÷ stock tfjs LayersModel (trainOnBatch), images/s',
      value: finiteOrNull(s.speedup),
      unit: '×',
      goal: '≥ 1.0',
      pass: atLeast(finiteOrNull(s.speedup), 1),
      detail: `engine ${ms(s.a.medianMs)} vs stock ${ms(s.b.medianMs)} per step (MAD ${ms(s.b.madMs)}), interleaved ABBA${backend === 'node-cpu' ? '' : ' in one page'}; ${raw.recipe}${raw.kernels ? `; kernels per step: engine ${raw.kernels.engine}, stock ${raw.kernels.stock}` : ''}`,
      backend,
      command: cmd,
    },
  ];
}

/** Per-step upload budget of the engine (issue 15: single digits; the unit test `gpuProxy.test.ts` enforces it). */
export const ENGINE_UPLOADS_PER_STEP_MAX = 9;

const countsText = (c: GpuCounts): string =>
  `${c.dispatches} dispatches, ${c.uploads} uploads (${(c.uploadBytes / 1024).toFixed(1)} KiB), ${c.uniformWrites} uniform writes, ${c.computePasses} compute passes, ${c.submits} submits, ${c.syncReadbacks} sync + ${c.asyncReadbacks} async readbacks (${c.dispatchesDuringReadback ?? 0} dispatches recorded while a readback was in flight), ${c.pipelineCompiles} pipeline compiles`;

/**
 * The GPU-independent proxy (issue 15, point 2): GPU work of one training step of the engine and of stock tfjs, from
 * the counting wrapper on the webgpu backend's device (engine/gpuCounters): in the browser (`throughput` on webgpu)
 * or on the mock device in Node (`gpu-proxy`). The last counted step of each side is reported (all are in raw).
 */
export function gpuCountRows(raw: ThroughputRaw, o: BenchOptions, backend: string, figure: 'throughput' | 'gpu-proxy'): FigureRow[] {
  const g = raw.gpuCounts;
  if (!g || g.engine.length === 0 || g.stock.length === 0) return [];
  const cmd = figureCommand(figure, o, backend);
  const e = g.engine[g.engine.length - 1];
  const s = g.stock[g.stock.length - 1];
  const where = figure === 'gpu-proxy' ? 'real tfjs-backend-webgpu on a counting mock GPUDevice in Node' : 'counting wrapper on the page\'s GPUDevice';
  const net = `${raw.spec.name}, batch ${raw.batch}`;
  const after = `step ${raw.engineWarmupMs.length + raw.engineBlocks.flat().length + g.engine.length} of each side (${where}); ${net}`;
  const compiles = Math.max(...g.engine.map((c) => c.pipelineCompiles));
  return [
    {
      figure,
      name: 'WebGPU work per training step (proxy): engine dispatches',
      value: e.dispatches,
      unit: 'count',
      pass: null,
      detail: `engine: ${countsText(e)}; stock LayersModel trainOnBatch: ${countsText(s)}; ${after}`,
      backend,
      command: cmd,
    },
    {
      figure,
      name: 'WebGPU work per training step (proxy): engine uploads (stock in detail)',
      value: e.uploads,
      unit: 'count',
      goal: `≤ ${ENGINE_UPLOADS_PER_STEP_MAX}`,
      pass: e.uploads <= ENGINE_UPLOADS_PER_STEP_MAX,
      detail: `stock ${s.uploads}; compute passes engine ${e.computePasses} vs stock ${s.computePasses} (an upload through a staging buffer ends the pass)`,
      backend,
      command: cmd,
    },
    {
      figure,
      name: 'WebGPU work per training step (proxy): engine sync readbacks / pipeline compiles after step 1',
      value: e.syncReadbacks + compiles,
      unit: 'count',
      goal: '0',
      pass: e.syncReadbacks === 0 && compiles === 0,
      detail: `sync readbacks ${e.syncReadbacks} (stock ${s.syncReadbacks}); compiles in the counted steps ${g.engine.map((c) => c.pipelineCompiles).join(', ')} (stock ${g.stock.map((c) => c.pipelineCompiles).join(', ')}); async readbacks ${e.asyncReadbacks} (stock ${s.asyncReadbacks})`,
      backend,
      command: cmd,
    },
  ];
}

/**
 * Filter-gradient programs (issue 15 §3): tfjs's against the engine's, summed over the network's depthwise and 1×1
 * convs (each case weighted by how many layers have it), medians of the timed calls; and their largest disagreement.
 */
export function gradRows(raw: GradBenchRaw, o: BenchOptions, backend: string): FigureRow[] {
  const cmd = figureCommand('grad-programs', o, backend);
  const med = (xs: number[]): number => medianOf(xs);
  const rows: FigureRow[] = [];
  for (const op of ['depthwise', 'conv1x1'] as const) {
    const cs = raw.cases.filter((c) => c.op === op);
    if (cs.length === 0) continue;
    const stock = cs.reduce((s, c) => s + c.count * med(c.stockMs), 0);
    const eng = cs.reduce((s, c) => s + c.count * med(c.engineMs), 0);
    const rel = Math.max(...cs.map((c) => c.maxAbsDiff / (1 + c.maxAbsRef)));
    const per = cs.map((c) => `[${c.x.join(',')}] k${c.k}/s${c.stride}${c.count > 1 ? ` ×${c.count}` : ''}: ${ms(med(c.stockMs))} → ${ms(med(c.engineMs))}`).join('; ');
    rows.push({
      figure: 'grad-programs',
      name: `${op === 'depthwise' ? 'Depthwise' : '1×1 conv'} filter gradient, tfjs ÷ engine time (${raw.label}: ${raw.spec}, batch ${raw.batch})`,
      value: finiteOrNull(stock / eng),
      unit: '×',
      goal: '> 1',
      pass: atLeast(finiteOrNull(stock / eng), 1.0000001),
      detail: `Σ over ${cs.reduce((s, c) => s + c.count, 0)} layers: tfjs ${ms(stock)} vs engine ${ms(eng)} (medians of ${cs[0].stockMs.length} samples each; a sample = ${cs[0].calls === undefined ? '1 call' : `${Math.min(...cs.map((c) => c.calls ?? 1))}–${Math.max(...cs.map((c) => c.calls ?? 1))} calls back to back`}, wall clock to the last readback, per call); max |Δ|/(1 + max|ref|) = ${rel.toExponential(1)}; ${per}`,
      backend,
      command: cmd,
    });
  }
  return rows;
}

/** AtomNAS: shrunk supernet vs static network, the search's own step, and step time against MACs. */
export function atomnasRows(raw: AtomNasBenchRaw, o: BenchOptions, backend: string): FigureRow[] {
  const cmd = figureCommand('atomnas', o, backend);
  const s = sideBySide(raw.shrunkBlocks, raw.staticBlocks);
  const own = sideBySide(raw.searchBlocks, raw.staticBlocks);
  const trend = macsTrend(raw.points);
  const segs = macsSegments(raw.points);
  const first = segs[0];
  const last = segs[segs.length - 1];
  const st = raw.settings;
  const cfg = `tiny preset ×${st.width}, ${st.trainLimit} images, 1 epoch (${raw.points.length} steps, batch ${st.batchSize}), ρ ${st.rho}, shrink check every ${st.shrinkEvery}, EMA ${st.emaDecay || 'off'}`;
  return [
    {
      figure: 'atomnas',
      name: `AtomNAS: shrunk supernet ÷ static network of the same ArchSpec, step time (${mm(raw.finalMacs)}, ${(100 * raw.finalMacs / raw.supernetMacs).toFixed(0)}% of the supernet)`,
      value: finiteOrNull(s.slowdown),
      unit: '×',
      goal: '≤ 1.05',
      pass: atMost(finiteOrNull(s.slowdown), 1.05),
      detail: `shrunk ${ms(s.a.medianMs)} (MAD ${ms(s.a.madMs)}) vs static ${ms(s.b.medianMs)} (MAD ${ms(s.b.madMs)}), n = ${s.a.n} each, same recipe, plain Trainer, interleaved; after ${raw.shrinkEvents.length} shrink events in a search of ${cfg}`,
      backend,
      command: cmd,
    },
    {
      figure: 'atomnas',
      name: "AtomNAS: the search's own step (sliced optimizer state, proximal γ step) ÷ static network step",
      value: finiteOrNull(own.slowdown),
      unit: '×',
      pass: null,
      detail: `${ms(own.a.medianMs)} vs ${ms(own.b.medianMs)}; the difference is AtomNAS's per-step work, not shrinking`,
      backend,
      command: cmd,
    },
    {
      figure: 'atomnas',
      name: 'AtomNAS: step time against MACs through the search, Spearman ρ',
      value: finiteOrNull(trend.spearman),
      unit: 'ρ',
      pass: null,
      detail:
        first && last
          ? `${mm(first.macs)}: ${ms(first.medianMs)}/step → ${mm(last.macs)}: ${ms(last.medianMs)}/step (time ×${trend.lastOverFirst.toFixed(2)} for MACs ×${trend.macsLastOverFirst.toFixed(2)}); ${segs.length} stretches, first step after a shrink (recompiles) median ${ms(medianOf(segs.slice(1).map((g) => g.firstMs)))}; n = ${trend.n} steps; ${cfg}`
          : 'no steps',
      backend,
      command: cmd,
    },
  ];
}

function medianOf(xs: number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Longest task, tasks over 50 ms and frame rate of the app's main thread while it trains. */
export function responsivenessRows(r: Responsiveness & { steps: number; hash: string }, o: BenchOptions, backend: string): FigureRow[] {
  const cmd = figureCommand('responsiveness', o, backend);
  const ctx = `${(r.windowMs / 1000).toFixed(0)} s of training on the Train screen (#${r.hash}), ${r.steps} steps in the window`;
  return [
    {
      figure: 'responsiveness',
      name: 'Main thread while training: longest task',
      value: r.longestTaskMs,
      unit: 'ms',
      goal: '< 50 ms',
      pass: r.longestTaskMs < 50,
      detail: `PerformanceObserver longtask (reports tasks ≥ 50 ms; 0 = none); ${ctx}`,
      backend,
      command: cmd,
    },
    {
      figure: 'responsiveness',
      name: 'Main thread while training: tasks over 50 ms',
      value: r.tasksOver50,
      unit: 'count',
      goal: '0',
      pass: r.tasksOver50 === 0,
      detail: ctx,
      backend,
      command: cmd,
    },
    {
      figure: 'responsiveness',
      name: 'Live view frame rate while training',
      value: finiteOrNull(r.fps),
      unit: 'fps',
      pass: null,
      detail: `${r.frames} requestAnimationFrame callbacks; worst gap ${ms(r.worstFrameMs)}; headless Chromium`,
      backend,
      command: cmd,
    },
  ];
}

/**
 * Time to the end of the first training step, per preset: network build + the pre-compile of the first step's
 * pipelines (issue 15 §5, as the app does; absent in a run without it) + the first step.
 */
export function ttfsRow(raw: TtfsRaw, env: Pick<PageEnv, 'backendInitMs'>, o: BenchOptions, backend: string): FigureRow {
  const single: BenchOptions = { ...o, ttfsPresets: [raw.preset] };
  const pre = raw.precompile;
  const total = raw.buildMs + (pre?.ms ?? 0) + raw.firstStepMs;
  return {
    figure: 'ttfs',
    name: `Time to first training step: ${raw.preset} (${raw.spec.name}, ${mm(raw.spec.macs)}, batch ${raw.batch})`,
    value: total / 1000,
    unit: 's',
    pass: null,
    detail: pre
      ? `build ${ms(raw.buildMs)} + pre-compile ${ms(pre.ms)} (${pre.programs} programs) + first step ${ms(raw.firstStepMs)}; second step ${ms(raw.secondStepMs)}; backend init ${ms(env.backendInitMs)}; fresh browser`
      : `build ${ms(raw.buildMs)} + first step ${ms(raw.firstStepMs)}; second step ${ms(raw.secondStepMs)} (so ≈ ${ms(raw.firstStepMs - raw.secondStepMs)} of compilation); backend init ${ms(env.backendInitMs)}; fresh browser`,
    backend,
    command: figureCommand('ttfs', single, backend),
  };
}

const bytes = (b: number | null): string => (b === null ? '–' : `${(b / 1024 / 1024).toFixed(2)} MiB`);

/** Tensor counts and GPU bytes after the short and the long run. */
export function memoryRows(raw: MemoryRaw, o: BenchOptions, backend: string): FigureRow[] {
  const cmd = figureCommand('memory', o, backend);
  const [, early, late] = raw.readings;
  if (!early || !late) return [];
  const v = memoryVerdict(early, late);
  const net = `${raw.spec.name}, batch ${raw.batch}`;
  return [
    {
      figure: 'memory',
      name: `Tensors after ${early.steps} and after ${late.steps} training steps (${net})`,
      value: late.numTensors - early.numTensors,
      unit: 'count',
      goal: 'equal (0)',
      pass: v.tensorsEqual,
      detail: `${early.numTensors} → ${late.numTensors} tensors (before training: ${raw.readings[0].numTensors}); ${ms(raw.msPerStep)}/step`,
      backend,
      command: cmd,
    },
    {
      figure: 'memory',
      name: `${early.gpuBytesAllocated !== null ? 'GPU buffer pool' : 'Tensor bytes'} after ${late.steps} ÷ after ${early.steps} steps`,
      value: finiteOrNull(v.bytesRatio),
      unit: '×',
      goal: '≤ 1.1',
      pass: v.bounded,
      detail:
        early.gpuBytesAllocated !== null
          ? `allocated ${bytes(early.gpuBytesAllocated)} → ${bytes(late.gpuBytesAllocated)}; in use ${bytes(early.gpuBytesUsed)} → ${bytes(late.gpuBytesUsed)}`
          : `${bytes(early.numBytes)} → ${bytes(late.numBytes)}`,
      backend,
      command: cmd,
    },
  ];
}

/** One line of the profiler's held-out predictor report. */
export interface PredictorReportRow {
  name: string;
  formula: string;
  heldOut: { within10: number; rmspe: number; spearman: number; kendall: number };
}

/** The profiler's predictor against MACs on held-out networks. */
export function predictorRows(report: { nFit: number; nHeldOut: number; rows: PredictorReportRow[] }, context: string, o: BenchOptions, backend: string): FigureRow[] {
  const cmd = figureCommand('predictor', o, backend);
  const find = (n: string): PredictorReportRow | undefined => report.rows.find((r) => r.name === n);
  const p = find('predictor');
  const m = find('macs');
  if (!p) return [];
  const pct = (v: number | undefined): string => (v !== undefined && Number.isFinite(v) ? `${(v * 100).toFixed(0)}%` : '–');
  const held = `${report.nHeldOut} held-out networks (fitted on ${report.nFit}); ${context}`;
  return [
    {
      figure: 'predictor',
      name: 'Latency predictor: held-out networks within ±10%',
      value: finiteOrNull(p.heldOut.within10 * 100),
      unit: '%',
      goal: m ? `> MACs (${pct(m.heldOut.within10)})` : undefined,
      pass: m ? p.heldOut.within10 > m.heldOut.within10 : null,
      detail: `RMSPE ${pct(p.heldOut.rmspe)} (MACs ${pct(m?.heldOut.rmspe)}); ${p.formula}; ${held}`,
      backend,
      command: cmd,
    },
    {
      figure: 'predictor',
      name: 'Latency predictor: Spearman ρ on held-out networks',
      value: finiteOrNull(p.heldOut.spearman),
      unit: 'ρ',
      goal: m ? `> MACs (${Number.isFinite(m.heldOut.spearman) ? m.heldOut.spearman.toFixed(3) : '–'})` : undefined,
      pass: m && Number.isFinite(p.heldOut.spearman) && Number.isFinite(m.heldOut.spearman) ? p.heldOut.spearman > m.heldOut.spearman : null,
      detail: `Kendall τ ${p.heldOut.kendall.toFixed(3)} (MACs ${m ? m.heldOut.kendall.toFixed(3) : '–'}); ${held}`,
      backend,
      command: cmd,
    },
  ];
}

/** Largest |Δ| between the two sides' mean validation accuracies still called "within noise", in points. */
export const ACCURACY_NOISE_POINTS = 3;

/**
 * Issue 15 §8: 1-epoch validation accuracy with the engine's programs against tfjs's programs for the same ops (same
 * seeds). "Within noise": the means differ by at most ACCURACY_NOISE_POINTS (1,000 validation images give each
 * accuracy a standard error of about 1.4 points at 75 %).
 */
export function accuracyRow(raw: AccuracyRaw, o: BenchOptions, backend: string): FigureRow {
  const side = (p: 'engine' | 'tfjs'): number[] => raw.runs.filter((r) => r.programs === p).map((r) => r.valAccuracy * 100);
  const mean = (xs: number[]): number => xs.reduce((s, v) => s + v, 0) / xs.length;
  const e = side('engine');
  const t = side('tfjs');
  const delta = finiteOrNull(mean(e) - mean(t));
  const per = raw.runs.map((r) => `seed ${r.seed} ${r.programs} ${(r.valAccuracy * 100).toFixed(1)} % (${r.seconds.toFixed(0)} s)`).join(', ');
  return {
    figure: 'accuracy',
    name: `1-epoch validation accuracy, engine − tfjs programs (${raw.spec}, ${raw.trainImages} images, batch ${raw.batch})`,
    value: delta,
    unit: 'points',
    goal: `|Δ| ≤ ${ACCURACY_NOISE_POINTS}`,
    pass: delta === null ? false : Math.abs(delta) <= ACCURACY_NOISE_POINTS,
    detail: `engine ${mean(e).toFixed(1)} % vs tfjs ${mean(t).toFixed(1)} % (mean of ${e.length} seeds each; 1,000 validation images): ${per}`,
    backend,
    command: figureCommand('accuracy', o, backend),
  };
}
