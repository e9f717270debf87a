/**
 * Command-line options of `npm run bench` and the per-figure command that reproduces each figure. Pure.
 */
import { BENCH_BACKENDS, FIGURE_IDS, type BenchBackend, type FigureId } from './schema';

/** Everything a bench run is configured by; step counts are explicit so the result file states them. */
export interface BenchOptions {
  /** Drop the SwiftShader pin and pass the Vulkan flags of LATENCY.md (a real GPU). */
  gpu: boolean;
  /** Backends of the throughput figure (the first one is used by every other browser figure). */
  backends: BenchBackend[];
  /** Small step counts: a smoke run of the whole pipeline (minutes), not a measurement to publish. */
  quick: boolean;
  /** Figures to run (default: all). */
  only: FigureId[];
  port: number;
  outDir: string;
  resultsDir: string;
  chromium: string;
  /** Reuse the existing build in outDir. */
  skipBuild: boolean;
  /** Throughput network: the baseline ArchSpec with stem stride 2 ('tiny') or 1 ('full'). */
  net: 'tiny' | 'full';
  width: number;
  batch: number;
  /** Throughput: interleaved rounds of `block` engine steps then `block` stock steps, after `warmup` steps of each. */
  rounds: number;
  block: number;
  warmup: number;
  /** AtomNAS: training images (tiny preset, 1 epoch: limit / 32 steps) and interleaved rounds of the static comparison. */
  atomnasLimit: number;
  atomnasRounds: number;
  /** Memory: readings after these step counts (tiny network). */
  memorySteps: [number, number];
  /** Responsiveness window, seconds. */
  windowS: number;
}

export const DEFAULT_OPTIONS: Readonly<BenchOptions> = Object.freeze({
  gpu: false,
  backends: ['webgpu', 'webgl', 'cpu'] as BenchBackend[],
  quick: false,
  only: [...FIGURE_IDS],
  port: 4175,
  outDir: 'dist-bench',
  resultsDir: 'bench/results',
  chromium: '/usr/bin/chromium',
  skipBuild: false,
  net: 'tiny' as const,
  width: 1,
  batch: 32,
  rounds: 3,
  block: 4,
  warmup: 2,
  atomnasLimit: 1280,
  atomnasRounds: 3,
  memorySteps: [50, 500] as [number, number],
  windowS: 20,
});

/** What `--quick` changes. */
export const QUICK_OVERRIDES: Partial<BenchOptions> = {
  rounds: 2,
  block: 2,
  warmup: 1,
  atomnasLimit: 320,
  atomnasRounds: 2,
  memorySteps: [10, 50],
  windowS: 8,
};

export class BenchUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchUsageError';
  }
}

export const BENCH_USAGE = `npm run bench -- [options]
  --gpu                    real GPU: Vulkan flags of LATENCY.md instead of the SwiftShader pin
  --backends LIST          throughput backends, comma-separated (default webgpu,webgl,cpu)
  --only LIST              figures: ${FIGURE_IDS.join(',')} (default all)
  --quick                  small step counts (a smoke run)
  --net tiny|full          throughput network: baseline with stem stride 2 (default) or 1
  --width W --batch B      throughput network width (1) and batch (32)
  --rounds N --block N --warmup N     throughput interleaving (3 rounds of 4 steps after 2 warm-up steps)
  --atomnas-limit N        AtomNAS training images, 1 epoch at batch 32 (1280 → 40 steps)
  --memory-steps A,B       memory readings after A and B steps (50,500)
  --window-s S             responsiveness window (20)
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

/** Parse `process.argv.slice(2)`; throws BenchUsageError on anything it does not understand. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const o: BenchOptions = { ...DEFAULT_OPTIONS, backends: [...DEFAULT_OPTIONS.backends], only: [...DEFAULT_OPTIONS.only], memorySteps: [...DEFAULT_OPTIONS.memorySteps], ...(quick ? QUICK_OVERRIDES : {}), quick };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new BenchUsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--quick':
        break;
      case '--gpu':
        o.gpu = true;
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
        o.atomnasLimit = intIn('atomnas-limit', value(), 64, 8000);
        break;
      case '--memory-steps': {
        const [x, y] = value().split(',').map((s) => intIn('memory-steps', s, 1, 100_000));
        if (y === undefined || !(y > x)) throw new BenchUsageError('--memory-steps needs two increasing counts, e.g. 50,500');
        o.memorySteps = [x, y];
        break;
      }
      case '--window-s':
        o.windowS = intIn('window-s', value(), 1, 600);
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
  return o;
}

/**
 * The command that reproduces one figure with the options of this run: `--only <figure>`, the backend it ran on
 * where that matters, and every option that differs from what `--quick` / the defaults would give.
 */
export function figureCommand(figure: FigureId, o: BenchOptions, backend?: string): string {
  const base: BenchOptions = { ...DEFAULT_OPTIONS, ...(o.quick ? QUICK_OVERRIDES : {}), quick: o.quick } as BenchOptions;
  const parts = ['npm run bench --', `--only ${figure}`];
  if (o.quick) parts.push('--quick');
  if (o.gpu) parts.push('--gpu');
  const be = backend && backend !== 'node-cpu' ? backend : figure === 'throughput-node' ? undefined : o.backends[0];
  if (be && be !== 'webgpu') parts.push(`--backends ${be}`);
  const nums: [keyof BenchOptions, string][] = [];
  if (figure === 'throughput' || figure === 'throughput-node') nums.push(['net', 'net'], ['width', 'width'], ['batch', 'batch'], ['rounds', 'rounds'], ['block', 'block'], ['warmup', 'warmup']);
  if (figure === 'atomnas') nums.push(['atomnasLimit', 'atomnas-limit']);
  if (figure === 'responsiveness') nums.push(['windowS', 'window-s']);
  for (const [key, flag] of nums) if (o[key] !== base[key]) parts.push(`--${flag} ${String(o[key])}`);
  if (figure === 'memory' && o.memorySteps.join(',') !== base.memorySteps.join(',')) parts.push(`--memory-steps ${o.memorySteps.join(',')}`);
  return parts.join(' ');
}
