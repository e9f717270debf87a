/**
 * Structural validation of untrusted ArchSpec JSON (uploaded files, saved runs, method output), declared as a zod
 * schema. Every error names the exact field path so a user can fix the file by hand.
 */

import { z } from 'zod';
import { ARCHSPEC_VERSION, mbHidden, type ArchSpec, type CellEdgeOp, type LayerSpec, type MbBranch } from './archspec';
import { fault, firstIssue } from './schemaIssues';
import { CELL_EDGE_OPS, CELL_EDGES, canonicalCell, cellEdgesProblem } from './space/cell';

/** A problem in an ArchSpec; `path` is the offending field, e.g. `layers[3].branches[1].k`. */
export class ArchSpecError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'ArchSpecError';
  }
}

// Each field schema carries one message for all its checks ("must be an integer ≥ 1, got 1.5").
const posInt = z.number({ error: 'must be an integer ≥ 1' }).int().min(1);
// Even kernels have no centre tap, so "same" padding would shift the feature map by half a pixel.
const oddKernel = z.number({ error: 'must be an odd integer ≥ 1' }).int().min(1).refine((k) => k % 2 === 1);
const bool = z.boolean({ error: 'must be true or false' });
const object = <S extends z.ZodRawShape>(shape: S) => z.object(shape, { error: 'must be an object' });

const branches = z
  .array(object({ k: oddKernel, hidden: posInt }), { error: 'must be a non-empty array of {k, hidden}' })
  .min(1)
  .superRefine((bs: MbBranch[], ctx) => {
    // One branch per kernel size: weights are keyed by k, so duplicates would alias.
    bs.forEach((b, j) => {
      if (bs.findIndex((o) => o.k === b.k) < j) fault(ctx, [j, 'k'], `kernel size ${b.k} appears in more than one branch`);
    });
  });

const cellEdges = z
  .array(z.enum(CELL_EDGE_OPS as [CellEdgeOp, ...CellEdgeOp[]], { error: `must be one of ${CELL_EDGE_OPS.join(', ')}` }), {
    error: `must be an array of ${CELL_EDGES.length} edge ops`,
  })
  .length(CELL_EDGES.length, { error: `must list ${CELL_EDGES.length} edge ops, (0→1) (0→2) (0→3) (1→2) (1→3) (2→3)` });

const cellLayer = object({ type: z.literal('cell'), cin: posInt, cout: posInt, stride: posInt, hidden: posInt, edges: cellEdges, residual: bool })
  .superRefine((l, ctx) => {
    if (l.residual && (l.stride !== 1 || l.cin !== l.cout)) {
      fault(ctx, ['residual'], `needs stride 1 and cin == cout, got stride ${l.stride}, cin ${l.cin}, cout ${l.cout}`);
    }
    const why = cellEdgesProblem(l.edges, l.stride);
    if (why) return fault(ctx, ['edges'], why);
    // Dead edges would own weights that never reach the output: a layer lists its edges in canonical form.
    const canon = canonicalCell({ e: 0, edges: l.edges }).edges;
    const dead = l.edges.findIndex((o, i) => o !== canon[i]);
    if (dead >= 0) {
      const [from, to] = CELL_EDGES[dead];
      fault(ctx, ['edges', dead], `edge (${from}→${to}) is '${l.edges[dead]}' but lies on no path from node 0 to node 3; write 'zero' (canonical form)`);
    }
  });

const layer = z.discriminatedUnion(
  'type',
  [
    object({ type: z.literal('conv'), cin: posInt, cout: posInt, k: oddKernel, stride: posInt, relu: bool }),
    object({ type: z.literal('mb'), cin: posInt, cout: posInt, stride: posInt, branches, residual: bool, expand: bool.optional() })
      .superRefine((l, ctx) => {
        if (l.residual && (l.stride !== 1 || l.cin !== l.cout)) {
          fault(ctx, ['residual'], `needs stride 1 and cin == cout, got stride ${l.stride}, cin ${l.cin}, cout ${l.cout}`);
        }
        if (l.expand === false && mbHidden(l) !== l.cin) {
          fault(ctx, ['branches'], `with expand: false the hidden channels must sum to cin ${l.cin}, got ${mbHidden(l)}`);
        }
      }),
    object({ type: z.literal('skip'), cin: posInt, cout: posInt }).superRefine((l, ctx) => {
      if (l.cin !== l.cout) fault(ctx, ['cout'], `a skip (identity) layer needs cout == cin ${l.cin}, got ${l.cout}`);
    }),
    object({ type: z.literal('sepconv'), cin: posInt, cout: posInt, k: oddKernel, stride: posInt }),
    object({ type: z.literal('chainconv'), cin: posInt, cout: posInt, k: oddKernel, stride: posInt }),
    cellLayer,
    object({ type: z.literal('gap') }),
    object({ type: z.literal('dense'), cin: posInt, cout: posInt }),
  ],
  {
    error: (iss) =>
      iss.code === 'invalid_union' && 'options' in iss
        ? `must be one of ${(iss.options as unknown[]).map((o) => `'${String(o)}'`).join(', ')}`
        : 'must be an object',
  },
);

/** Channel chaining and ordering: spatial layers → gap → dense…, each cin equal to the previous output channels. */
function checkChain(layers: LayerSpec[], inputChannels: number, numClasses: number, ctx: z.RefinementCtx): void {
  let channels = inputChannels;
  let pooled = false;
  for (const [i, l] of layers.entries()) {
    const from = i === 0 ? 'the input channels' : `layers[${i - 1}]'s output channels`;
    if (l.type === 'gap') {
      if (pooled) return fault(ctx, ['layers', i], 'a second gap: the features are already pooled');
      pooled = true;
      continue;
    }
    if (l.type === 'dense' && !pooled) return fault(ctx, ['layers', i], 'dense needs a gap (global average pool) before it');
    if (l.type !== 'dense' && pooled) return fault(ctx, ['layers', i, 'type'], `'${l.type}' needs a spatial input but comes after gap`);
    if (l.cin !== channels) return fault(ctx, ['layers', i, 'cin'], `must equal ${from} ${channels}, got ${l.cin}`);
    channels = l.cout;
  }
  const last = layers[layers.length - 1];
  if (last.type !== 'dense') {
    fault(ctx, ['layers'], `must end with gap → dense (the classifier), but the last layer is '${last.type}'`);
  } else if (last.cout !== numClasses) {
    fault(ctx, ['layers', layers.length - 1, 'cout'], `the classifier must output numClasses ${numClasses}, got ${last.cout}`);
  }
}

/** The ArchSpec file format; parsing returns a clean copy (unknown fields dropped). */
export const archSpecSchema: z.ZodType<ArchSpec> = object({
  version: z.literal(ARCHSPEC_VERSION, { error: `must be ${ARCHSPEC_VERSION}` }),
  name: z.string({ error: 'must be a string' }),
  input: object({ height: posInt, width: posInt, channels: posInt }),
  numClasses: posInt,
  layers: z.array(layer, { error: 'must be a non-empty array' }).min(1),
  meta: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()], { error: 'must be a string, finite number or boolean' }), {
      error: 'must be an object',
    })
    .optional(),
}).superRefine((s, ctx) => {
  // Runs after range-only issues too (they do not abort); skip what the chain check cannot read.
  if (s.layers.length > 0) checkChain(s.layers, s.input.channels, s.numClasses, ctx);
});

/**
 * Check that `json` is a complete, consistent ArchSpec and return a clean typed copy (unknown fields dropped).
 * Throws `ArchSpecError` naming the first offending field, e.g. `layers[3].branches[1].k: must be an odd integer ≥ 1, got 4`.
 */
export function validateArchSpec(json: unknown): ArchSpec {
  const r = archSpecSchema.safeParse(json);
  if (r.success) return r.data;
  const { path, problem } = firstIssue(r.error, json);
  throw new ArchSpecError(path || 'spec', problem);
}
