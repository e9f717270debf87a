/**
 * "Measure on this device" (issue 14 §3): end-to-end inference latency of saved networks (their stock LayersModels),
 * at batch 1 and the training batch, with the LATENCY.md protocol (warm-up incl. compile, n ≥ 21 samples, each
 * repeating predict + `await data()` until ≥ 5 ms, median and MAD, interleaved, visibility-spanning samples dropped).
 * A RunLoop job (kind 'measure'): run/progress with ETA, run/control cancel; `latency/measured` when it finishes.
 */
import * as tf from '@tensorflow/tfjs';
import { rngStream } from '../../core/rng';
import { InterleavedMeasurer, type SubjectSpec } from '../../engine/latency/interleave';
import { randomInput, type Subject } from '../../engine/latency/subjects';
import type { BackendInfo } from '../../engine/backend';
import { specLatencyMeter } from '../../engine/latency/specMeter';
import { DEFAULT_TIMING, withGpuOnly, type TimingEnv } from '../../engine/latency/timing';
import type { LatencyMeter } from '../../core/latency/meter';
import { yieldToEvents, type WorkerContext } from '../context';
import type { HandlerTable } from '../registry';
import type { Job, Outgoing, StepReport } from '../runLoop';
import { absoluteTime, type VisibilityLog } from '../visibility';
import { ensureBackend } from './backend';

/** Samples per network and batch (LATENCY.md: n ≥ 21). */
export const MEASURE_SAMPLES = 21;

function modelSubject(model: tf.LayersModel, batch: number, seed: number): Subject {
  const [, h, w, c] = model.inputs[0].shape as [null, number, number, number];
  const x = randomInput([batch, h, w, c], rngStream(seed, `measure b${batch}`));
  return {
    run: () => model.predict(x) as tf.Tensor,
    dispose: () => x.dispose(),
  };
}

class MeasureJob implements Job {
  readonly kind = 'measure';

  constructor(
    readonly runId: string,
    private readonly measurer: InterleavedMeasurer,
    private readonly models: tf.LayersModel[],
    private readonly keys: { id: string; batch: number }[],
    private readonly ctx: WorkerContext,
    private readonly backend: string,
  ) {}

  get totalSteps(): number {
    return this.measurer.totalUnits;
  }

  async step(): Promise<StepReport> {
    await withGpuOnly(() => this.measurer.step());
    return { done: this.measurer.unitsDone };
  }

  snapshot(): Outgoing | null {
    return null;
  }

  finish(): Promise<void> {
    const results = this.measurer.results(MEASURE_SAMPLES).map((r) => ({ ...this.keys[Number(r.id)], medianMs: r.medianMs, madMs: r.madMs, samples: r.samples }));
    const failures = [...this.measurer.failures].map(([k, message]) => ({ ...this.keys[Number(k)], message }));
    this.ctx.post({ type: 'latency/measured', runId: this.runId, backend: this.backend, results, failures });
    return Promise.resolve();
  }

  dispose(): void {
    this.measurer.dispose();
    for (const m of this.models) m.dispose();
  }
}

/** The page's visibility-aware timing environment of this worker (every sample kept when no log exists yet). */
function timingEnv(ctx: WorkerContext): TimingEnv {
  // The page's visibility log kept for the profiler ('page/visibility'); without one every sample is kept.
  const vis = ctx.extras.get('profiler/visibility') as VisibilityLog | undefined;
  return { now: () => performance.now(), yieldToEvents, isVisibleSince: (t0: number) => (vis ? vis.isVisibleSince(absoluteTime(t0)) : true) };
}

/** What a search may use to measure whole networks on this device (MethodContext.latencyMeter). */
export function workerLatencyMeter(ctx: WorkerContext, info: BackendInfo): LatencyMeter {
  const a = info.adapter;
  const adapter = a ? [a.vendor, a.architecture || a.description].filter(Boolean).join(' ') : '';
  return specLatencyMeter(timingEnv(ctx), `measured on this device (${info.backend}${adapter ? `, ${adapter}` : ''})`);
}

export const measureHandlers: HandlerTable = {
  'latency/measure': async (req, ctx) => {
    const info = await ensureBackend(ctx);
    const models: tf.LayersModel[] = [];
    try {
      for (const it of req.items) {
        const mj = JSON.parse(it.modelJson) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
        const weightSpecs = mj.weightsManifest.flatMap((g) => g.weights);
        models.push(await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: mj.modelTopology, weightSpecs, weightData: it.weights })));
      }
    } catch (e) {
      for (const m of models) m.dispose();
      throw new Error(`Cannot load a saved network: ${e instanceof Error ? e.message : String(e)}`);
    }
    const keys: { id: string; batch: number }[] = [];
    const specs: SubjectSpec[] = [];
    req.items.forEach((it, i) => {
      for (const batch of req.batches) {
        const k = keys.length;
        keys.push({ id: it.id, batch });
        specs.push({ id: String(k), label: `${it.id} batch ${batch}`, create: () => modelSubject(models[i], batch, 1 + k) });
      }
    });
    const env = timingEnv(ctx);
    const measurer = new InterleavedMeasurer(specs, env, { samples: MEASURE_SAMPLES, timing: { ...DEFAULT_TIMING, flushEach: true } });
    const job = new MeasureJob(req.runId, measurer, models, keys, ctx, info.backend);
    ctx.loop.start(req.runId, job);
    return { subjects: specs.length, totalSteps: measurer.totalUnits, backend: info.backend };
  },
};
