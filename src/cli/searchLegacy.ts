/**
 * `search --method atomnas --preset tiny|default --seed N --out r.json`: run a NAS method on the built-in MNIST with
 * the tfjs CPU backend and write the `train` command's fields plus the method's own (`events`, `supernetMacs`).
 * `--penalty latency --profile profile.json` prices every atom with a latency profile exported from the profiler.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ArchSpec } from '../core/archspec';
import { predictedLabel } from '../core/atomnasLatency';
import { atomnasPreset, kernelsOf, type AtomNasPresetId, type AtomNasSettings } from '../core/atomnasSettings';
import { predictLatency } from '../core/latency/predict';
import { parseProfileText, type LatencyProfile } from '../core/latency/profileSchema';
import { decodeBuiltin } from '../data/builtin';
import type { DataSplit } from '../data/dataset';
import { mnistSplit } from '../data/split';
import { createAtomNasRun } from '../methods/atomnas/method';
import { type FlagSpec, type FlagValue, UsageError } from './args';
import type { CliCommand, CliIo } from './commands';
import { setupCpuBackend } from './train';
import { ProgressTicker } from './progress';
import { PADNAS_FLAGS, runPadnasSearch } from './searchPadnas';

const DEFAULT_DATA = fileURLToPath(new URL('../../public/data/mnist-10k.bin', import.meta.url));

export const SEARCH_FLAGS: readonly FlagSpec[] = [
  { name: 'method', type: 'enum', default: 'atomnas', choices: ['atomnas', 'padnas'], help: 'NAS method' },
  { name: 'preset', type: 'enum', default: 'tiny', choices: ['tiny', 'default'], help: 'starting configuration' },
  { name: 'seed', type: 'int', default: 1, min: 0, max: 4294967295, help: 'seed of the init and data-order streams' },
  { name: 'epochs', type: 'int', min: 1, max: 1000, help: 'override the preset’s epochs' },
  { name: 'train-limit', type: 'int', min: 0, max: 10000000, help: 'override: seeded random subset of N training examples (0 = all)' },
  { name: 'batch', type: 'int', min: 1, max: 4096, help: 'override the minibatch size' },
  { name: 'rho', type: 'number', min: 0, max: 10, minExclusive: true, help: 'override ρ, the L1 strength on the gates' },
  { name: 'penalty', type: 'enum', choices: ['macs', 'uniform', 'latency'], help: "override the penalty ('latency' needs --profile)" },
  { name: 'profile', type: 'string', help: 'latency profile JSON (exported from the Latency profiler): prices atoms for --penalty latency, labels predicted latency' },
  { name: 'target-macs', type: 'number', min: 1, max: 1e12, help: 'target mode: adapt ρ to end near this many MACs' },
  { name: 'kernels', type: 'enum', choices: ['3-5-7', '3-5', '3-7', '5-7', '3', '5', '7'], help: 'override the kernel sizes' },
  { name: 'expansion', type: 'int', min: 1, max: 6, help: 'override the expansion per kernel' },
  { name: 'shrink-every', type: 'int', min: 0, max: 1000000, help: 'override: shrink check every N steps (0 = each epoch)' },
  { name: 'ema', type: 'number', min: 0, max: 0.99999, help: 'override the EMA decay (0 = off)' },
  { name: 'proximal', type: 'boolean', help: 'override: proximal step on γ (false = L1 subgradient, as the paper)' },
  { name: 'data', type: 'string', help: 'built-in dataset file (default public/data/mnist-10k.bin)' },
  { name: 'out', type: 'string', help: 'write the JSON result here' },
  ...PADNAS_FLAGS,
];

/** The AtomNAS settings for these flags: the preset, then every override given (pure). */
export function atomnasSettingsFromFlags(f: Record<string, FlagValue>): AtomNasSettings {
  const s = atomnasPreset(f.preset as AtomNasPresetId);
  s.seed = f.seed as number;
  const num = (k: string): number | undefined => f[k] as number | undefined;
  s.epochs = num('epochs') ?? s.epochs;
  s.trainLimit = num('train-limit') ?? s.trainLimit;
  s.batchSize = num('batch') ?? s.batchSize;
  s.rho = num('rho') ?? s.rho;
  s.expansion = num('expansion') ?? s.expansion;
  s.shrinkEvery = num('shrink-every') ?? s.shrinkEvery;
  s.emaDecay = num('ema') ?? s.emaDecay;
  if (f.penalty !== undefined) s.penalty = f.penalty as AtomNasSettings['penalty'];
  if (f.kernels !== undefined) s.kernels = kernelsOf(f.kernels as string);
  if (f.proximal !== undefined) s.proximal = f.proximal as boolean;
  const target = num('target-macs');
  if (target !== undefined) {
    s.targetMode = true;
    s.targetMacs = target;
  }
  return s;
}

/**
 * The `--profile` file, validated with the profile schema (null without the flag). `--penalty latency` without it is a
 * usage error; an unreadable file or one that is not a valid latency profile throws an Error naming the file and the
 * problem (the schema names the offending field).
 */
export async function loadSearchProfile(f: Record<string, FlagValue>): Promise<LatencyProfile | null> {
  const path = f.profile as string | undefined;
  if (path === undefined) {
    if (f.penalty === 'latency') {
      throw new UsageError('--penalty latency needs --profile path/to/profile.json: a latency profile exported from the Latency profiler');
    }
    return null;
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(`--profile ${path}: cannot read the file (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    return parseProfileText(text);
  } catch (e) {
    throw new Error(`--profile ${path} is not a usable latency profile: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Run the search; returns the JSON result. */
export async function runSearch(f: Record<string, FlagValue>, io: CliIo, commandLine: string): Promise<Record<string, unknown>> {
  if (f.method !== 'atomnas' && f.method !== 'padnas') throw new UsageError(`--method ${String(f.method)} has no search driver yet`);
  const t0 = performance.now();
  const profile = await loadSearchProfile(f);
  const backend = await setupCpuBackend();
  const dataPath = (f.data as string | undefined) ?? DEFAULT_DATA;
  const dataset = decodeBuiltin(dataPath.split(/[\\/]/).pop() ?? 'data', new Uint8Array(await readFile(dataPath)));
  const split: DataSplit = mnistSplit(dataset.n);
  if (f.method === 'padnas') return runPadnasSearch(f, io, commandLine, { dataset, split, backend, profile });
  const s = atomnasSettingsFromFlags(f);
  const run = createAtomNasRun({ data: { dataset, split }, log: (l) => io.log(l) }, s, { profile: profile ?? undefined });
  /** Predicted latency of a spec on the profiled device, labelled with the profile (NaN when it cannot price it). */
  const predicted = (spec: ArchSpec): number => (profile ? predictLatency(spec, profile).ms : Number.NaN);
  const supernetMs = predicted(run.net.spec);
  io.log(
    `search atomnas (${s.preset}, seed ${s.seed}, penalty ${s.penalty}): supernet ${(run.supernetMacs / 1e6).toFixed(3)} M MACs, ${run.supernetParams} params` +
      `${profile ? `, ${supernetMs.toFixed(3)} ms ${predictedLabel(profile.name)}` : ''}; ` +
      `${run.totalSteps} steps (${run.trainer.stepsPerEpoch}/epoch) on tfjs ${backend.backend}`,
  );
  const history: { epoch: number; loss: number; valAccuracy: number; macs: number; params: number; seconds: number }[] = [];
  try {
    let e0 = performance.now();
    let lossSum = 0;
    let n = 0;
    const ticker = new ProgressTicker(run.totalSteps);
    while (run.trainer.stepIndex < run.totalSteps) {
      const r = await run.step();
      const line = ticker.tick(r.done, `MACs ${(run.macs / 1e6).toFixed(3)} M`);
      if (line) io.log(line);
      const snap = run.snapshot();
      for (const l of snap.loss) lossSum += l;
      n += snap.loss.length;
      const last = r.done === run.totalSteps;
      if (last) await run.finish();
      const val = last ? run.final?.valAcc : snap.val.at(-1)?.acc;
      if (r.done % run.trainer.stepsPerEpoch === 0 || last) {
        const row = { epoch: Math.ceil(r.done / run.trainer.stepsPerEpoch), loss: lossSum / Math.max(1, n), valAccuracy: val ?? Number.NaN, macs: run.macs, params: run.params, seconds: (performance.now() - e0) / 1000 };
        history.push(row);
        io.log(`epoch ${row.epoch}/${s.epochs}  loss ${row.loss.toFixed(4)}  val ${(100 * row.valAccuracy).toFixed(2)}%  MACs ${(row.macs / 1e6).toFixed(3)} M  ${row.seconds.toFixed(1)} s`);
        e0 = performance.now();
        lossSum = 0;
        n = 0;
      }
    }
    const fin = run.final;
    if (!fin) throw new Error('the search ended without a final evaluation');
    io.log(`found ${(fin.macs / 1e6).toFixed(3)} M MACs (supernet ${(fin.supernetMacs / 1e6).toFixed(3)} M), test accuracy ${(100 * fin.testAcc).toFixed(2)}% without retraining`);
    const foundMs = predicted(fin.spec);
    if (profile) io.log(`latency ${supernetMs.toFixed(3)} ms → ${foundMs.toFixed(3)} ms, ${predictedLabel(profile.name)}`);
    return {
      command: commandLine,
      method: 'atomnas',
      preset: s.preset,
      arch: 'atomnas',
      seed: s.seed,
      backend: backend.backend,
      tfjsVersion: backend.tfjsVersion,
      dataset: { name: dataset.name, n: dataset.n, split: { seed: split.seed, train: s.trainLimit > 0 ? Math.min(s.trainLimit, split.train.length) : split.train.length, val: split.val.length, test: split.test.length } },
      archSpec: fin.spec,
      macs: fin.macs,
      params: fin.params,
      valAccuracy: fin.valAcc,
      testAccuracy: fin.testAcc,
      history,
      wallSeconds: (performance.now() - t0) / 1000,
      settings: s,
      supernetMacs: fin.supernetMacs,
      supernetParams: fin.supernetParams,
      events: fin.events,
      // Predicted, not measured: every number says which profile it comes from (null = none, or it cannot price the spec).
      latency: profile
        ? {
            label: predictedLabel(profile.name),
            profileId: profile.id,
            profileName: profile.name,
            supernetMs: Number.isFinite(supernetMs) ? supernetMs : null,
            foundMs: Number.isFinite(foundMs) ? foundMs : null,
          }
        : null,
    };
  } finally {
    run.dispose();
  }
}

/** The `search` command. */
export const searchCommand: CliCommand = {
  name: 'search',
  summary: 'run a NAS method (AtomNAS) on the built-in MNIST (CPU); result = the found network, no retraining',
  flags: SEARCH_FLAGS,
  async run(flags, io) {
    const commandLine = ['search', ...Object.entries(flags).map(([k, v]) => `--${k} ${String(v)}`)].join(' ');
    const result = await runSearch(flags, io, commandLine);
    const out = flags.out as string | undefined;
    if (out) {
      await writeFile(out, JSON.stringify(result, null, 2) + '\n');
      io.log(`wrote ${out}`);
    }
    return 0;
  },
};
