/**
 * The latency profile file: a versioned JSON document holding one device's lookup table, per-channel fits, end-to-end
 * measurements, fitted predictor and roofline (pure, no tfjs). The format is declared once as a zod schema; the
 * TypeScript types are inferred from it. `validateProfile` reads untrusted JSON (an imported file, IndexedDB), refuses
 * implausible numbers (a corrupt or hand-edited file, not a measurement) and names the offending field path in every
 * error.
 */

import { z } from 'zod';
import { fault, firstIssue, plainWords, show } from '../schemaIssues';
import { archSpecSchema } from '../validateArchSpec';
import { CELL_EDGE_OPS, CELL_NODES, cellEdgeKernel } from '../space/cell';
import { isPartLutOp, parseLutKey, type PartLutOp } from './lutKeys';
import type { PredictorReport } from './predictor';

export const PROFILE_FORMAT = 'nas-playground-latency-profile';
export const PROFILE_VERSION = 1;

/**
 * Plausibility bounds. A timing of 100 s or more is no single-op or single-inference measurement; the data loaders
 * take images of at most 255×255 px with 1 or 3 channels, so an input beyond 512×512×64 was never profiled here.
 */
export const PROFILE_LIMITS = { maxMs: 1e5, maxInputSide: 512, maxInputChannels: 64, maxLutScale: 1e3 } as const;
const { maxMs, maxInputSide, maxInputChannels, maxLutScale } = PROFILE_LIMITS;

// Every number is finite (zod's number refuses NaN and ±Infinity); messages come from `plainWords` at parse time.
const int = (min: number) => z.number().int().min(min);
const nonNeg = z.number().min(0);
/** A duration in ms: 0 ≤ ms < 100 s. */
const ms = z.number().min(0).lt(maxMs);
/** JSON null (how JSON.stringify writes NaN) read back as NaN. */
const numOrNaN = z.number().nullable().transform((v) => v ?? NaN);

/** What the device says about itself (LATENCY.md protocol step 1). */
const deviceCardSchema = z.object({
  backend: z.string(),
  tfjsVersion: z.string(),
  adapterVendor: z.string(),
  adapterArchitecture: z.string(),
  adapterDevice: z.string(),
  adapterDescription: z.string(),
  /** Software/fallback adapter (SwiftShader…): timings say nothing about a real GPU. */
  isFallbackAdapter: z.boolean(),
  timestampQuery: z.boolean(),
  crossOriginIsolated: z.boolean(),
  /** Browser brands and versions (userAgentData), else the user-agent string. */
  browser: z.string(),
  userAgent: z.string(),
  hardwareConcurrency: int(0),
  /** tfjs-webgpu's thresholdToIncreaseWorkgroups on this adapter (dispatch estimate, see dispatches.ts). */
  workgroupThreshold: int(1),
});
export type DeviceCard = z.infer<typeof deviceCardSchema>;

/** One LUT entry: the op timed alone, K repeats per sample, n samples. */
const lutEntrySchema = z.object({
  medianMs: z.number().gt(0).lt(maxMs),
  madMs: ms,
  /** Samples kept (samples spanning a visibility change are discarded). */
  samples: int(1),
  /** Repeats of the op per sample (calibrated so a sample lasts ≥ 5 ms). */
  repeats: int(1),
  /** First run: pipeline compilation + upload + run. */
  compileMs: ms,
});
export type LutEntry = z.infer<typeof lutEntrySchema>;

/** Depthwise kernels a cell edge can have (3, 5, 7). */
const CELL_KERNELS = new Set(CELL_EDGE_OPS.map(cellEdgeKernel).filter((k): k is number => k !== null));

/**
 * What makes a cell-part key implausible (no cell has such a part), or null: sizes of at least 1 and an input side of
 * at most PROFILE_LIMITS.maxInputSide; a depthwise edge of kernel 3, 5 or 7 and stride 1 or 2; a sum of 2 to 3 tensors
 * (a node has at most CELL_NODES − 1 inputs; the residual add sums 2).
 */
function partKeyProblem(op: PartLutOp): string | null {
  if (op.c < 1 || op.h < 1 || op.w < 1) return `c, h and w must be ≥ 1, got c=${op.c} h=${op.h} w=${op.w}`;
  if (op.h > maxInputSide || op.w > maxInputSide) return `h and w must be ≤ ${maxInputSide}, got h=${op.h} w=${op.w}`;
  if (op.op === 'dw') {
    if (!CELL_KERNELS.has(op.k)) return `a cell's depthwise edge has kernel ${[...CELL_KERNELS].join(', ')}, got k=${op.k}`;
    if (op.s !== 1 && op.s !== 2) return `a cell's depthwise edge has stride 1 or 2, got s=${op.s}`;
  } else if (op.n < 2 || op.n > CELL_NODES - 1) {
    return `a cell's sum adds 2 to ${CELL_NODES - 1} tensors, got n=${op.n}`;
  }
  return null;
}

const lutKeySchema = z.string().superRefine((key, ctx) => {
  try {
    const op = parseLutKey(key);
    const why = isPartLutOp(op) ? partKeyProblem(op) : null;
    if (why) ctx.addIssue({ code: 'custom', message: `not a plausible cell part (${why})` });
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `not a LUT key (${(err as Error).message})` });
  }
});

/** Branch latency ≈ slopeMs·hidden + interceptMs for one MB block shape and kernel (AtomNAS per-atom cost). */
const perChannelFitSchema = z.object({
  slopeMs: z.number().gt(-maxMs).lt(maxMs),
  interceptMs: z.number().gt(-maxMs).lt(maxMs),
  /** Hidden widths measured for the fit. */
  widths: z.array(int(1)),
  /** Skeleton slot (0-based) the shape belongs to, -1 if none. */
  slot: int(-1),
});
export type PerChannelFit = z.infer<typeof perChannelFitSchema>;

const e2eEntrySchema = z.object({
  name: z.string(),
  /** 'cell-net': every searched slot an AutoSpace-style cell (option `cells`; absent from older profiles). */
  family: z.enum(['supernet-path', 'chain', 'cell-net']),
  /**
   * 'none': not used by the predictor (an op of it was not measured, e.g. a cancelled run). 'cell-check': a cell
   * network, never fitted, judged in the report's `cells` (core/latency/cellNets).
   */
  split: z.enum(['fit', 'heldout', 'none', 'cell-check']),
  spec: archSpecSchema,
  measuredMs: ms,
  madMs: ms,
  predictedMs: numOrNaN,
  sumLutMs: numOrNaN,
  macs: nonNeg,
  /** Estimated dispatches (dispatches.ts). */
  dispatches: int(0),
  /** Dispatches counted in the browser during one inference; null when counting was not possible. */
  dispatchesCounted: int(0).nullable(),
  /** Estimated memory traffic of one inference (roofline.ts). */
  bytes: nonNeg,
});
export type E2eEntry = z.infer<typeof e2eEntrySchema>;

const metricsSchema = z.object({
  n: int(0),
  within10: nonNeg.max(1),
  rmspe: nonNeg,
  spearman: numOrNaN,
  kendall: numOrNaN,
});

/** The cell networks' check (core/latency/cellNets); optional: profiles without cell networks have none. */
const cellNetReportSchema = z.object({
  n: int(0),
  perCellTermMs: z.number().gt(-maxMs).lt(maxMs),
  parts: metricsSchema,
  perCell: metricsSchema,
  better: z.enum(['parts', 'perCell', 'tie']),
  nets: z.array(
    z.object({
      name: z.string(),
      measuredMs: ms,
      partsMs: z.number().gt(-maxMs).lt(maxMs),
      perCellMs: z.number().gt(-maxMs).lt(maxMs),
      cells: int(0),
    }),
  ),
});

const reportSchema: z.ZodType<PredictorReport> = z.object({
  nFit: int(0),
  nHeldOut: int(0),
  rows: z.array(
    z.object({ name: z.enum(['predictor', 'lutSum', 'macs', 'dispatches']), formula: z.string(), fit: metricsSchema, heldOut: metricsSchema }),
  ),
  cells: cellNetReportSchema.optional(),
});

/** latency ≈ a·ΣLUT + b·#dispatches + c (ms): a and b are fitted non-negative, the intercept c may be negative. */
const predictorSchema = z.object({
  a: nonNeg.max(maxLutScale),
  b: ms,
  c: z.number().gt(-maxMs).lt(maxMs),
  dropped: z.array(z.string()),
  report: reportSchema,
});

const rooflineSchema = z.object({
  /** Peak measured matmul throughput, GFLOP/s (1 MAC = 2 FLOP). */
  matmulGflops: nonNeg,
  /** Measured elementwise-add bandwidth, GB/s (bytes read + written). */
  bandwidthGBs: nonNeg,
  matmulN: int(1),
  addElements: int(1),
});
export type Roofline = z.infer<typeof rooflineSchema>;

const settingsSchema = z.object({
  mode: z.enum(['full', 'reduced']),
  input: z.object({ height: int(1).max(maxInputSide), width: int(1).max(maxInputSide), channels: int(1).max(maxInputChannels) }),
  numClasses: int(1),
  tiny: z.boolean(),
  width: nonNeg,
  seed: z.number().int(),
  /** Samples per LUT entry and per e2e network (n ≥ 21). */
  samples: int(1),
  /**
   * The LUT holds the parts of AutoSpace-style cells (plan option `cells`). Absent in profiles measured before the
   * profiler could measure them (they load as they are; AutoSpace then prices cells by MACs and says why).
   */
  cells: z.boolean().optional(),
});
export type ProfileSettings = z.infer<typeof settingsSchema>;

const profileSchema = z.object({
  format: z.literal(PROFILE_FORMAT),
  version: z.literal(PROFILE_VERSION),
  id: z.string().min(1),
  name: z.string(),
  createdAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date'),
  durationMs: nonNeg,
  /** True when the run was cancelled: the profile holds what was measured before. */
  partial: z.boolean(),
  settings: settingsSchema,
  device: deviceCardSchema,
  lut: z.record(lutKeySchema, lutEntrySchema).superRefine((o, ctx) => {
    if (Object.keys(o).length === 0) fault(ctx, [], 'must hold at least one entry, got none');
  }),
  perChannel: z.record(z.string().startsWith('mbch ', 'per-channel keys start with "mbch "'), perChannelFitSchema),
  e2e: z.array(e2eEntrySchema),
  /** Null when too few networks were measured to fit (a cancelled run). */
  predictor: predictorSchema.nullable(),
  roofline: rooflineSchema.nullable(),
});
export type LatencyProfile = z.infer<typeof profileSchema>;

/** A problem in a profile file; `path` names the field, e.g. `lut["mb cin=8 …"].medianMs`. */
export class ProfileError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(path ? `${path}: ${problem}` : problem);
    this.name = 'ProfileError';
  }
}

/** Is this a profile file of a version this app reads? Throws a ProfileError that says what the file is instead. */
function checkKind(json: unknown): void {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new ProfileError('', `not a latency profile: expected a JSON object, got ${show(json)}`);
  }
  const { format, version, layers } = json as Record<string, unknown>;
  if (format !== PROFILE_FORMAT) {
    const hint = version !== undefined && Array.isArray(layers) ? ' (it looks like an ArchSpec)' : '';
    throw new ProfileError('format', `not a latency profile: expected format "${PROFILE_FORMAT}", got ${show(format)}${hint}`);
  }
  if (typeof version !== 'number' || !Number.isInteger(version)) throw new ProfileError('version', `expected an integer version, got ${show(version)}`);
  if (version !== PROFILE_VERSION) {
    const why = version > PROFILE_VERSION ? 'was written by a newer version of the playground' : 'is an unknown older version';
    throw new ProfileError('version', `unsupported profile version ${version}: the file ${why}; this playground reads version ${PROFILE_VERSION}`);
  }
}

/**
 * Check untrusted JSON and return it as a LatencyProfile. Throws ProfileError: a file of another kind says so
 * ("not a latency profile"), a newer or older version says which versions this app reads, a bad or implausible field
 * names its path.
 */
export function validateProfile(json: unknown): LatencyProfile {
  checkKind(json);
  const r = profileSchema.safeParse(json, { error: plainWords });
  if (r.success) return r.data;
  const { path, problem } = firstIssue(r.error, json);
  throw new ProfileError(path, problem);
}

/** Parse a profile file's text: JSON syntax errors and schema errors both become a ProfileError. */
export function parseProfileText(text: string): LatencyProfile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ProfileError('', `not a latency profile: the file is not valid JSON (${(err as Error).message})`);
  }
  return validateProfile(json);
}

/** The profile as pretty JSON text (NaN metrics become null, which `validateProfile` reads back as NaN). */
export function serializeProfile(p: LatencyProfile): string {
  return JSON.stringify(p, null, 1);
}
