/**
 * `search --method padnas --preset tiny|default --seed N [--profile p.json] --out r.json`: a PAD-NAS search on the
 * built-in MNIST with the tfjs CPU backend. The JSON holds the found architecture (trained stand-alone, test split),
 * `stages` (op shares and pruned ops per search round), the ranking check (Kendall τ before / after pruning) and the
 * hand-designed baseline (every slot MB k3 e3) trained with the same recipe, both priced by the same latency model.
 */
import type { LatencyProfile } from '../core/latency/profileSchema';
import { padnasPreset, type PadNasPresetId, type PadNasSettings } from '../core/padnas/settings';
import { genotypeSpec } from '../core/padnas/ops';
import type { Dataset, DataSplit } from '../data/dataset';
import { createPadNasRun } from '../methods/padnas/method';
import { StandaloneTraining } from '../methods/padnas/standalone';
import type { FlagSpec, FlagValue } from './args';
import type { CliIo } from './commands';
import type { BackendInfo } from '../engine/backend';
import { ProgressTicker } from './progress';

/** Flags only PAD-NAS reads (the shared ones: preset, seed, epochs = stage-1 epochs, train-limit, batch, profile). */
export const PADNAS_FLAGS: readonly FlagSpec[] = [
  { name: 'population', type: 'int', min: 2, max: 1000, help: 'PAD-NAS: override the NSGA-II population' },
  { name: 'generations', type: 'int', min: 0, max: 1000, help: 'PAD-NAS: override the generations per search round' },
  { name: 'stages', type: 'int', min: 3, max: 10, help: 'PAD-NAS: override M (stage 1 + M − 2 prune rounds + final search)' },
  { name: 'baseline', type: 'boolean', default: true, help: 'PAD-NAS: also train the MB k3 e3 baseline with the same recipe' },
];

/** The PAD-NAS settings for these flags: the preset, then every override given (pure). */
export function padnasSettingsFromFlags(f: Record<string, FlagValue>): PadNasSettings {
  const s = padnasPreset(f.preset as PadNasPresetId);
  const num = (k: string): number | undefined => f[k] as number | undefined;
  s.seed = (f.seed as number | undefined) ?? s.seed;
  s.supernetEpochs = num('epochs') ?? s.supernetEpochs;
  s.trainLimit = num('train-limit') ?? s.trainLimit;
  s.batchSize = num('batch') ?? s.batchSize;
  s.population = num('population') ?? s.population;
  s.generations = num('generations') ?? s.generations;
  s.stages = num('stages') ?? s.stages;
  return s;
}

/** Run the PAD-NAS search; returns the JSON result. */
export async function runPadnasSearch(
  f: Record<string, FlagValue>,
  io: CliIo,
  commandLine: string,
  env: { dataset: Dataset; split: DataSplit; backend: BackendInfo; profile: LatencyProfile | null },
): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const { dataset, split, backend, profile } = env;
  const s = padnasSettingsFromFlags(f);
  const run = createPadNasRun({ data: { dataset, split }, log: (l) => io.log(l) }, s, { profile });
  const w = run.window;
  const fmt = (v: number) => (w.unit === 'ms' ? `${v.toFixed(3)} ms` : `${(v / 1e6).toFixed(3)} M MACs`);
  const unitLabel = w.unit === 'ms' ? `predicted latency, profile "${w.profileName ?? ''}"` : 'MACs (no device profile)';
  io.log(
    `search padnas (${s.preset}, seed ${s.seed}): ${run.totalSteps} units, ${run.stepsPerEpoch} steps/epoch on tfjs ${backend.backend}; ` +
      `window ${fmt(w.lo)} … ${fmt(w.hi)} in ${unitLabel}`,
  );
  const phaseSeconds: Record<string, number> = {};
  try {
    let p0 = performance.now();
    let phase = run.phase;
    const ticker = new ProgressTicker(run.totalSteps);
    while (run.done < run.totalSteps) {
      await run.step();
      const line = ticker.tick(run.done, run.phase);
      if (line) io.log(line);
      if (run.phase !== phase || run.done === run.totalSteps) {
        phaseSeconds[phase] = (phaseSeconds[phase] ?? 0) + (performance.now() - p0) / 1000;
        p0 = performance.now();
        phase = run.phase;
      }
    }
    await run.finish();
    const fin = run.final;
    if (!fin) throw new Error('the search ended without a final architecture');
    io.log(`found ${fin.genotype.join('-')}: ${fmt(fin.latency)}, one-shot ${(100 * fin.oneShotAcc).toFixed(2)}%, stand-alone test ${(100 * fin.testAcc).toFixed(2)}%`);
    io.log(`Kendall τ one-shot vs stand-alone: ${run.ranking.tauBefore.toFixed(3)} before pruning, ${run.ranking.tauAfter.toFixed(3)} after`);
    let baseline: Record<string, unknown> | null = null;
    if (f.baseline !== false) {
      const g = fin.baseline.genotype;
      const spec = genotypeSpec(g, run.skeleton, 'baseline MB k3 e3');
      const t = new StandaloneTraining(spec, run.trainData, run.finalTrainConfig(), 'final-init');
      const b0 = performance.now();
      try {
        for (let i = 0; i < t.totalSteps; i++) await t.step();
        const val = await t.trainer.evaluate('val');
        const test = await t.trainer.evaluate('test');
        baseline = { genotype: g, archSpec: spec, macs: fin.baseline.macs, params: fin.baseline.params, latency: fin.baseline.latency, valAccuracy: val.accuracy, testAccuracy: test.accuracy, seconds: (performance.now() - b0) / 1000 };
        io.log(`baseline ${g.join('-')}: ${fmt(fin.baseline.latency)}, test ${(100 * test.accuracy).toFixed(2)}%`);
      } finally {
        t.dispose();
      }
    }
    return {
      command: commandLine,
      method: 'padnas',
      preset: s.preset,
      arch: 'padnas',
      seed: s.seed,
      backend: backend.backend,
      tfjsVersion: backend.tfjsVersion,
      dataset: { name: dataset.name, n: dataset.n, split: { seed: split.seed, train: run.trainData.split.train.length, val: run.trainData.split.val.length, test: split.test.length } },
      archSpec: fin.spec,
      genotype: fin.genotype,
      macs: fin.macs,
      params: fin.params,
      latency: { value: fin.latency, unit: w.unit, profile: w.profileName, notice: run.latency.notice },
      window: w,
      oneShotAccuracy: fin.oneShotAcc,
      valAccuracy: fin.valAcc,
      testAccuracy: fin.testAcc,
      stages: fin.stages,
      spaceLog10: run.spaceLog10,
      ranking: fin.ranking,
      baseline,
      evaluations: run.evaluations,
      phaseSeconds,
      wallSeconds: (performance.now() - t0) / 1000,
      settings: s,
    };
  } finally {
    run.dispose();
  }
}
