/**
 * Command-line options of `npm run bench` and the per-figure command that reproduces each figure. Pure.
 *
 * Two default profiles: without `--gpu` (SwiftShader: WebGPU on the CPU, where one training step of even the tiny
 * network takes seconds) the step counts and networks are cut so that a full run stays near 15 minutes on 2 cores;
 * with `--gpu` they are the (baseline ×1, 500 memory steps, every preset). `--quick` cuts either further.
 */
import { BENCH_BACKENDS, DEFAULT_FIGURES, FIGURE_IDS, type BenchBackend, type FigureId } from './schema';

/** Time-to-first-step presets: the app's Train presets and the AtomNAS presets. */
export const TTFS_PRESETS = ['train-quick', 'train-default', 'atomnas-tiny', 'atomnas-default'] as const;
export type TtfsPreset = (typeof TTFS_PRESETS)[number];

/** The AtomNAS search the benchmark runs (the tiny preset with these fields replaced, one epoch). */
export interface AtomNasBenchSettings {
  width: number;
  batch: number;
  /** Training images: limit / batch steps. */
  limit: number;
  shrinkEvery: number;
  rho: number;
  emaDecay: number;
}

/**
 * The soak's AtomNAS search (issue 16 §9, part B): the tiny preset on synthetic size×size images (engine/testing's
 * learnable bars), with these fields replaced; several shrink events, each one changes every tensor's shape.
 */
export interface SoakSearchSettings {
  /** Synthetic input height = width (even). */
  size: number;
  /** Synthetic images (60 % train, 20 % val, 20 % test). */
  images: number;
  width: number;
  kernels: number[];
  batch: number;
  epochs: number;
  shrinkEvery: number;
  rho: number;
}

/** Everything a bench run is configured by; step counts are explicit so the result file states them. */
export interface BenchOptions {
  /** Drop the SwiftShader pin and pass the Vulkan flags of LATENCY.md (a real GPU). */
  gpu: boolean;
  /** Backends of the throughput figure (the first one is used by every other browser figure). */
  backends: BenchBackend[];
  /** Small step counts: a smoke run of the whole pipeline, not a measurement to publish. */
  quick: boolean;
  /** Figures to run (default: all). */
  only: FigureId[];
  port: number;
  outDir: string;
  resultsDir: string;
  chromium: string;
  /** Reuse the existing build in outDir. */
  skipBuild: boolean;
  /** Throughput network: the baseline ArchSpec with stem stride 2 ('tiny') or 1 ('full'), width, batch. */
  net: 'tiny' | 'full';
  width: number;
  batch: number;
  /** Throughput: `warmup` steps of each side, then `rounds` × (`block` engine steps, `block` stock steps), ABBA. */
  rounds: number;
  block: number;
  warmup: number;
  atomnas: AtomNasBenchSettings;
  /** AtomNAS comparison after the search: rounds of `block` steps per contender. */
  atomnasRounds: number;
  /** Memory in the browser (primary backend, GPU bytes): readings after these step counts (tiny network). */
  memorySteps: [number, number];
  /** Memory in Node (tensor counts, tfjs cpu): readings after these step counts (tiny network). */
  nodeMemorySteps: [number, number];
  ttfsPresets: TtfsPreset[];
  /** Filter-gradient programs: timed calls per program and case. */
  gradReps: number;
  /** 1-epoch accuracy A/B (issue 15 §8): seeds, each trained with the engine's programs and with tfjs's. */
  accuracySeeds: number[];
  /** Engine conv gradient programs in the throughput figure (engine/convGrads): auto = on WebGPU. */
  engineConv: 'auto' | 'on' | 'off';
  /** Responsiveness window, seconds. */
  windowS: number;
  /** Soak (not in a default run): training steps of the soak network, counters read every `soakEvery` steps. */
  soakSteps: number;
  soakEvery: number;
  /** The step whose reading is the reference ("after warm-up"). */
  soakWarmup: number;
  soakSearch: SoakSearchSettings;
}

type Tunables = Omit<BenchOptions, 'gpu' | 'backends' | 'quick' | 'only' | 'engineConv' | 'port' | 'outDir' | 'resultsDir' | 'chromium' | 'skipBuild'>;

const SOFTWARE: Tunables = {
  net: 'tiny',
  width: 0.25,
  batch: 16,
  rounds: 2,
  block: 2,
  warmup: 1,
  atomnas: { width: 0.25, batch: 16, limit: 160, shrinkEvery: 2, rho: 0.15, emaDecay: 0 },
  atomnasRounds: 3,
  memorySteps: [5, 20],
  nodeMemorySteps: [50, 500],
  ttfsPresets: ['train-quick', 'atomnas-tiny'],
  gradReps: 3,
  accuracySeeds: [1, 2],
  windowS: 20,
  soakSteps: 1_000,
  soakEvery: 50,
  soakWarmup: 50,
  soakSearch: { size: 8, images: 400, width: 0.25, kernels: [3, 5], batch: 16, epochs: 6, shrinkEvery: 6, rho: 0.3 },
};

const GPU: Tunables = {
  net: 'tiny',
  width: 1,
  batch: 32,
  rounds: 3,
  block: 4,
  warmup: 2,
  atomnas: { width: 1, batch: 32, limit: 1280, shrinkEvery: 5, rho: 0.05, emaDecay: 0.7 },
  atomnasRounds: 3,
  memorySteps: [50, 500],
  nodeMemorySteps: [50, 500],
  ttfsPresets: [...TTFS_PRESETS],
  gradReps: 7,
  accuracySeeds: [1, 2, 3],
  windowS: 20,
  soakSteps: 1_000,
  soakEvery: 50,
  soakWarmup: 50,
  soakSearch: { size: 8, images: 400, width: 0.25, kernels: [3, 5], batch: 16, epochs: 6, shrinkEvery: 6, rho: 0.3 },
};

const QUICK: Partial<Tunables> = {
  rounds: 1,
  block: 2,
  warmup: 1,
  atomnasRounds: 1,
  memorySteps: [2, 6],
  nodeMemorySteps: [10, 50],
  ttfsPresets: ['train-quick'],
  gradReps: 1,
  accuracySeeds: [1],
  windowS: 8,
  soakSteps: 100,
  soakEvery: 10,
  soakWarmup: 10,
};

/** The defaults of a profile (`--gpu` or not, `--quick` or not). */
export function defaultsFor(gpu: boolean, quick: boolean): BenchOptions {
  const t = gpu ? GPU : SOFTWARE;
  const atomnas = { ...t.atomnas, ...(quick ? { limit: t.atomnas.batch * 6 } : {}) };
  return {
    ...t,
    ...(quick ? QUICK : {}),
    atomnas,
    memorySteps: [...(quick ? QUICK.memorySteps ?? t.memorySteps : t.memorySteps)],
    nodeMemorySteps: [...(quick ? QUICK.nodeMemorySteps ?? t.nodeMemorySteps : t.nodeMemorySteps)],
    ttfsPresets: [...(quick ? QUICK.ttfsPresets ?? t.ttfsPresets : t.ttfsPresets)],
    accuracySeeds: [...(quick ? QUICK.accuracySeeds ?? t.accuracySeeds : t.accuracySeeds)],
    soakSearch: { ...t.soakSearch, kernels: [...t.soakSearch.kernels], ...(quick ? { epochs: 2 } : {}) },
    gpu,
    quick,
    backends: ['webgpu', 'webgl', 'cpu'],
    only: [...DEFAULT_FIGURES],
    engineConv: 'auto',
    port: 4175,
    outDir: 'dist-bench',
    resultsDir: 'bench/results',
    chromium: '/usr/bin/chromium',
    skipBuild: false,
  };
}

export class BenchUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchUsageError';
  }
}

export const BENCH_USAGE = `npm run bench -- [options]
  --gpu                    real GPU: Vulkan flags of LATENCY.md instead of the SwiftShader pin (and the issue's step counts)
  --backends LIST          throughput backends, comma-separated (default webgpu,webgl,cpu; the first runs the other figures)
  --only LIST              figures: ${FIGURE_IDS.join(',')} (default all but soak)
  --quick                  small step counts (a smoke run)
  --net tiny|full          throughput network: baseline with stem stride 2 (default) or 1
  --width W --batch B      throughput network width and batch (SwiftShader 0.25 / 16; --gpu 1 / 32)
  --rounds N --block N --warmup N     throughput interleaving
  --atomnas-limit N        AtomNAS training images (one epoch)
  --atomnas-rounds N       AtomNAS comparison rounds of --block steps per trainer (3; multiples of 3 put each trainer
                           first, second and third equally often)
  --memory-steps A,B       browser memory readings after A and B steps (SwiftShader 5,20; --gpu 50,500)
  --ttfs-presets LIST|all  ${TTFS_PRESETS.join(',')}
  --engine-conv auto|on|off  throughput: the engine's 1×1 / dense / filter-gradient programs (auto: on WebGPU)
  --grad-reps N            filter-gradient programs: timed calls per program (SwiftShader 3; --gpu 7)
  --accuracy-seeds LIST    1-epoch accuracy, engine vs tfjs programs: seeds (SwiftShader 1,2; --gpu 1,2,3; --quick 1)
  --window-s S             responsiveness window (20)
  --soak-steps N           soak: training steps of the soak network (1000; --quick 100)
  --soak-every N           soak: read the counters every N steps (50); the reference is the reading at step N
  --port P --out-dir D --results-dir D --chromium PATH --skip-build`;

function intIn(name: string, raw: string, min: number, max: number): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) throw new BenchUsageError(`--${name} must be an integer in [${min}, ${max}], got "${raw}"`);
  return v;
}

function listOf<T extends string>(name: string, raw: string, allowed: readonly T[]): T[] {
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new BenchUsageError(`--${name} needs at least one value`);
  for (const it of items) if (!(allowed as readonly string[]).includes(it)) throw new BenchUsageError(`--${name}: "${it}" is not one of ${allowed.join(', ')}`);
  return [...new Set(items)] as T[];
}

function pair(name: string, raw: string): [number, number] {
  const [x, y, extra] = raw.split(',').map((s) => intIn(name, s, 1, 100_000));
  if (y === undefined || extra !== undefined || !(y > x)) throw new BenchUsageError(`--${name} needs two increasing counts, e.g. 50,500`);
  return [x, y];
}

/** Parse `process.argv.slice(2)`; throws BenchUsageError on anything it does not understand. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const o = defaultsFor(argv.includes('--gpu'), argv.includes('--quick'));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new BenchUsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--quick':
      case '--gpu':
        break;
      case '--skip-build':
        o.skipBuild = true;
        break;
      case '--backends':
        o.backends = listOf('backends', value(), BENCH_BACKENDS);
        break;
      case '--only':
        o.only = listOf('only', value(), FIGURE_IDS);
        break;
      case '--net': {
        const v = value();
        if (v !== 'tiny' && v !== 'full') throw new BenchUsageError(`--net must be tiny or full, got "${v}"`);
        o.net = v;
        break;
      }
      case '--width': {
        const v = Number(value());
        if (!(v >= 0.25 && v <= 4)) throw new BenchUsageError('--width must be in [0.25, 4]');
        o.width = v;
        break;
      }
      case '--batch':
        o.batch = intIn('batch', value(), 1, 1024);
        break;
      case '--rounds':
        o.rounds = intIn('rounds', value(), 1, 100);
        break;
      case '--block':
        o.block = intIn('block', value(), 1, 1000);
        break;
      case '--warmup':
        o.warmup = intIn('warmup', value(), 0, 1000);
        break;
      case '--atomnas-limit':
        o.atomnas.limit = intIn('atomnas-limit', value(), o.atomnas.batch, 8000);
        break;
      case '--atomnas-rounds':
        o.atomnasRounds = intIn('atomnas-rounds', value(), 1, 300);
        break;
      case '--memory-steps':
        o.memorySteps = pair('memory-steps', value());
        break;
      case '--ttfs-presets': {
        const v = value();
        o.ttfsPresets = v === 'all' ? [...TTFS_PRESETS] : listOf('ttfs-presets', v, TTFS_PRESETS);
        break;
      }
      case '--engine-conv': {
        const v = value();
        if (v !== 'auto' && v !== 'on' && v !== 'off') throw new BenchUsageError(`--engine-conv must be auto, on or off, got "${v}"`);
        o.engineConv = v;
        break;
      }
      case '--grad-reps':
        o.gradReps = intIn('grad-reps', value(), 1, 1000);
        break;
      case '--accuracy-seeds':
        o.accuracySeeds = value()
          .split(',')
          .map((v) => intIn('accuracy-seeds', v.trim(), 1, 1_000_000));
        break;
      case '--window-s':
        o.windowS = intIn('window-s', value(), 1, 600);
        break;
      case '--soak-steps':
        o.soakSteps = intIn('soak-steps', value(), 2, 1_000_000);
        break;
      case '--soak-every':
        o.soakEvery = intIn('soak-every', value(), 1, 100_000);
        o.soakWarmup = o.soakEvery;
        break;
      case '--port':
        o.port = intIn('port', value(), 1024, 65535);
        break;
      case '--out-dir':
        o.outDir = value();
        break;
      case '--results-dir':
        o.resultsDir = value();
        break;
      case '--chromium':
        o.chromium = value();
        break;
      default:
        throw new BenchUsageError(`unknown option ${a}\n${BENCH_USAGE}`);
    }
  }
  if (o.soakSteps < o.soakWarmup * 2) throw new BenchUsageError(`--soak-steps (${o.soakSteps}) must be at least twice --soak-every (${o.soakEvery}): the reading at step ${o.soakWarmup} is the reference`);
  return o;
}

/**
 * The command that reproduces one figure with the options of this run: `--only <figure>`, the backend it ran on
 * where that matters, and every option that differs from the defaults of the run's profile (`--gpu`, `--quick`).
 */
export function figureCommand(figure: FigureId, o: BenchOptions, backend?: string): string {
  const base = defaultsFor(o.gpu, o.quick);
  const parts = ['npm run bench --', `--only ${figure}`];
  if (o.quick) parts.push('--quick');
  if (o.gpu) parts.push('--gpu');
  const browserBackend = figure === 'throughput' && backend ? backend : o.backends[0];
  const usesBrowser = figure !== 'throughput-node' && figure !== 'gpu-proxy';
  if (usesBrowser && browserBackend !== 'webgpu' && (figure === 'throughput' || figure === 'atomnas' || figure === 'ttfs' || figure === 'memory' || figure === 'grad-programs' || figure === 'soak' || figure === 'accuracy')) {
    parts.push(`--backends ${browserBackend}`);
  }
  const flags: [string, string | number, string | number][] = [];
  if (figure === 'throughput' || figure === 'throughput-node' || figure === 'gpu-proxy' || figure === 'grad-programs') {
    flags.push(['net', o.net, base.net], ['width', o.width, base.width], ['batch', o.batch, base.batch]);
  }
  if (figure === 'throughput' || figure === 'throughput-node') {
    flags.push(['rounds', o.rounds, base.rounds], ['block', o.block, base.block], ['warmup', o.warmup, base.warmup], ['engine-conv', o.engineConv, base.engineConv]);
  }
  if (figure === 'atomnas') flags.push(['atomnas-limit', o.atomnas.limit, base.atomnas.limit], ['atomnas-rounds', o.atomnasRounds, base.atomnasRounds], ['block', o.block, base.block], ['warmup', o.warmup, base.warmup]);
  if (figure === 'memory') flags.push(['memory-steps', o.memorySteps.join(','), base.memorySteps.join(',')]);
  if (figure === 'ttfs') flags.push(['ttfs-presets', o.ttfsPresets.join(','), base.ttfsPresets.join(',')]);
  if (figure === 'responsiveness') flags.push(['window-s', o.windowS, base.windowS]);
  if (figure === 'grad-programs') flags.push(['grad-reps', o.gradReps, base.gradReps]);
  if (figure === 'accuracy') flags.push(['accuracy-seeds', o.accuracySeeds.join(','), base.accuracySeeds.join(',')]);
  if (figure === 'soak') flags.push(['soak-steps', o.soakSteps, base.soakSteps], ['soak-every', o.soakEvery, base.soakEvery]);
  for (const [flag, v, d] of flags) if (v !== d) parts.push(`--${flag} ${v}`);
  return parts.join(' ');
}
