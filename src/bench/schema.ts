/**
 * The benchmark's result file (`bench/results/<date>-<backend>.json`): plain data, written by bench/run.ts from the
 * figures measured in headless Chromium (src/bench/page.ts) and in Node. Pure: no tfjs, no DOM, no Node APIs.
 */

import type { AdapterDescription } from '../core/adapterInfo';

export const BENCH_FORMAT = 'nas-playground-bench';
export const BENCH_VERSION = 1;

/** The figures of issue 6 (and the soak of issue 16 §9), each reproducible on its own with `npm run bench -- --only <id>`. */
export const FIGURE_IDS = ['throughput', 'throughput-node', 'gpu-proxy', 'grad-programs', 'atomnas', 'responsiveness', 'ttfs', 'memory', 'predictor', 'accuracy', 'soak'] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

/** Figures a plain `npm run bench` runs: all but the soak (1,000 steps and a search: it would double the run). */
export const DEFAULT_FIGURES: readonly FigureId[] = FIGURE_IDS.filter((f) => f !== 'soak');

/** True when `only` holds every default figure: a full run (its file has no `-only-` part and it writes latest.md). */
export function isFullRun(only: readonly FigureId[]): boolean {
  return DEFAULT_FIGURES.every((f) => only.includes(f));
}

/** Backends the browser figures can run on. */
export const BENCH_BACKENDS = ['webgpu', 'webgl', 'cpu'] as const;
export type BenchBackend = (typeof BENCH_BACKENDS)[number];

/** The WebGPU adapter as the browser describes it (`adapter.info`); null in the file where there is none. */
export type BenchAdapter = AdapterDescription;

/** One line of the results table. */
export interface FigureRow {
  figure: FigureId;
  /** What was measured, with the network, batch and backend ("webgpu: engine vs stock LayersModel, …"). */
  name: string;
  /** The measured figure; null when it could not be measured (the detail says why). */
  value: number | null;
  unit: string;
  /** The goal of the issue, as text ("≥ 1.0"), if the figure has one. */
  goal?: string;
  /** Whether the value meets the goal; null when there is no goal or no value. */
  pass: boolean | null;
  /** The numbers behind the value (medians, n, step counts). */
  detail: string;
  /** Backend the figure was measured on ('node-cpu' for Node). */
  backend: string;
  /** Shell command that reproduces this figure. */
  command: string;
}

/** Where and with what the figures were measured. */
export interface BenchEnvironment {
  /** ISO time the run started. */
  date: string;
  machine: { os: string; cpuModel: string; cores: number; memoryGiB: number; node: string };
  /** Null when no browser figure was run. */
  browser: { name: string; version: string; executable: string; args: string[] } | null;
  /** True when the Vulkan flags of LATENCY.md were passed (`--gpu`). */
  gpuFlags: boolean;
  /** WebGPU adapter of the bench page (null when WebGPU was not asked for or is missing). */
  adapter: BenchAdapter | null;
  /** True when the adapter is a software one (SwiftShader): its figures say nothing about a GPU. */
  softwareAdapter: boolean;
  crossOriginIsolated: boolean | null;
  tfjsVersion: string;
}

/** A figure that could not be measured, and why. */
export interface BenchError {
  figure: FigureId;
  backend?: string;
  message: string;
}

/** The whole result file. */
export interface BenchResult {
  format: typeof BENCH_FORMAT;
  version: typeof BENCH_VERSION;
  env: BenchEnvironment;
  /** The options of the run (step counts included), as parsed from the command line. */
  options: Record<string, unknown>;
  /** The command line that produced this file. */
  command: string;
  rows: FigureRow[];
  /** Raw measurements per figure and backend (per-step times, memory readings…), for anyone re-analysing the run. */
  raw: Record<string, unknown>;
  errors: BenchError[];
  durationS: number;
}

/** A result file that does not have the expected shape. */
export class BenchSchemaError extends Error {
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'BenchSchemaError';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function need(cond: boolean, path: string, message: string): asserts cond {
  if (!cond) throw new BenchSchemaError(path, message);
}

/**
 * True for SwiftShader or any adapter that calls itself a fallback: a CPU, so its figures must never be read as a GPU's.
 */
export function isSoftwareAdapter(a: BenchAdapter | null | undefined): boolean {
  if (!a) return false;
  return a.isFallbackAdapter || /swiftshader|llvmpipe|lavapipe|software/i.test(`${a.vendor} ${a.architecture} ${a.device} ${a.description}`);
}

/**
 * Check a parsed result file; returns it typed or throws a BenchSchemaError naming the first bad field.
 * A WebGPU figure without `adapter.info` is rejected: the adapter is what tells SwiftShader from a GPU.
 */
export function validateBenchResult(json: unknown): BenchResult {
  need(isRecord(json), '$', 'is not an object');
  need(json.format === BENCH_FORMAT, '$.format', `must be "${BENCH_FORMAT}"`);
  need(json.version === BENCH_VERSION, '$.version', `must be ${BENCH_VERSION}`);
  const env = json.env;
  need(isRecord(env), '$.env', 'is missing');
  need(typeof env.date === 'string' && !Number.isNaN(Date.parse(env.date)), '$.env.date', 'is not an ISO date');
  need(isRecord(env.machine) && typeof env.machine.cpuModel === 'string' && typeof env.machine.cores === 'number', '$.env.machine', 'needs cpuModel and cores');
  need(typeof env.tfjsVersion === 'string', '$.env.tfjsVersion', 'is missing');
  need(typeof env.softwareAdapter === 'boolean', '$.env.softwareAdapter', 'is missing');
  need(Array.isArray(json.rows), '$.rows', 'is not an array');
  json.rows.forEach((r: unknown, i) => {
    const p = `$.rows[${i}]`;
    need(isRecord(r), p, 'is not an object');
    need(typeof r.figure === 'string' && (FIGURE_IDS as readonly string[]).includes(r.figure), `${p}.figure`, `must be one of ${FIGURE_IDS.join(', ')}`);
    need(typeof r.name === 'string' && r.name !== '', `${p}.name`, 'is missing');
    need(r.value === null || (typeof r.value === 'number' && Number.isFinite(r.value)), `${p}.value`, 'must be a finite number or null');
    need(typeof r.unit === 'string', `${p}.unit`, 'is missing');
    need(r.pass === null || typeof r.pass === 'boolean', `${p}.pass`, 'must be a boolean or null');
    need(typeof r.command === 'string' && r.command.startsWith('npm run bench'), `${p}.command`, 'must be the npm run bench command that reproduces it');
    need(typeof r.backend === 'string', `${p}.backend`, 'is missing');
    if (r.backend === 'webgpu') need(isRecord(env.adapter), '$.env.adapter', 'a WebGPU figure needs the adapter.info it ran on');
  });
  need(Array.isArray(json.errors), '$.errors', 'is not an array');
  need(isRecord(json.raw), '$.raw', 'is not an object');
  return json as unknown as BenchResult;
}

/**
 * `2026-11-28-webgpu-swiftshader.json`: date, primary backend, and `-swiftshader` for a software adapter; a run of some
 * figures only (`--only`) gets `-only-<figures>` so that it never overwrites a full run's file.
 */
export function resultFileName(env: Pick<BenchEnvironment, 'date' | 'softwareAdapter'>, backend: string, only?: readonly FigureId[]): string {
  const day = env.date.slice(0, 10);
  const sw = backend === 'webgpu' && env.softwareAdapter ? '-swiftshader' : '';
  const part = only && !isFullRun(only) ? `-only-${only.join('+')}` : '';
  return `${day}-${backend}${sw}${part}.json`;
}
