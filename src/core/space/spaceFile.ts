/**
 * The search-space file (pure): a versioned JSON document holding one op set per searchable slot of the shared
 * skeleton (METHODS.md §0) — MB op names (`k3e3`, `skip`) or self-describing cell names (`c3-zz3zzz`, core/space/cell)
 * — with the skeleton it was made for and where it came from (an AutoSpace-style run's learned space, say). Any
 * single-path search (PAD-NAS: `search --method padnas --space FILE`) can run in it. `parseSpaceFile` reads untrusted
 * text: a file that is not JSON, not a space file, from a newer version, made for another skeleton, or holding an empty
 * slot or an op that cannot stand at its slot is refused with a message naming the file and the problem, so no search
 * starts from it.
 */
import { z } from 'zod';
import { firstIssue, plainWords, show } from '../schemaIssues';
import { canResidual, SKELETON_SLOTS } from '../skeleton';
import { cellProblem, isCellName, parseCell } from './cell';
import { SINGLE_PATH_OPS, slotShapes } from './singlePath';

export const SPACE_FORMAT = 'nas-playground.space';
export const SPACE_VERSION = 1;
/** Ops one slot may list (a supernet holds every op of every slot at once). */
export const SPACE_MAX_OPS_PER_SLOT = 32;

/** Channels and stride of one searchable slot. */
export interface SpaceSlotShape {
  cin: number;
  cout: number;
  stride: number;
}

/** The skeleton a space was made for: width multiplier, tiny stem, and every searchable slot's shape. */
export interface SpaceSkeleton {
  width: number;
  tiny: boolean;
  slots: SpaceSlotShape[];
}

/** Where a space came from. */
export interface SpaceCreatedBy {
  /** Method id (e.g. 'autospace'). */
  method: string;
  seed: number;
  preset: string;
  /** ISO date. */
  date: string;
  /** CLI command line, when it came from the CLI. */
  command?: string;
}

/** Where the space a search ran in came from (a record's provenance): the file it was read from and its maker. */
export interface SpaceOrigin {
  /** The file name as given (null when the space came from another run directly, not from a file). */
  file: string | null;
  createdBy: SpaceCreatedBy;
}

export interface SpaceFile {
  format: typeof SPACE_FORMAT;
  version: typeof SPACE_VERSION;
  skeleton: SpaceSkeleton;
  /** Op names per searchable slot, in slot order. */
  slots: string[][];
  createdBy: SpaceCreatedBy;
}

/** A problem in a space file; the message names the file. */
export class SpaceFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'SpaceFileError';
  }
}

const int = (min: number) => z.number().int().min(min);
const shapeSchema = z.object({ cin: int(1), cout: int(1), stride: z.union([z.literal(1), z.literal(2)]) });
const fileSchema = z.object({
  format: z.literal(SPACE_FORMAT),
  version: z.literal(SPACE_VERSION),
  skeleton: z.object({ width: z.number().gt(0).max(4), tiny: z.boolean(), slots: z.array(shapeSchema) }),
  slots: z.array(z.array(z.string())),
  createdBy: z.object({
    method: z.string().min(1),
    seed: z.number().int(),
    preset: z.string(),
    date: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date'),
    command: z.string().optional(),
  }),
});

/** The skeleton of width `width` (tiny or not) as a space file records it. */
export function spaceSkeleton(width: number, tiny: boolean): SpaceSkeleton {
  return { width, tiny, slots: slotShapes(width) };
}

/** "width 0.5, tiny stem" / "width 1, full-size stem". */
function skeletonWords(width: number, tiny: boolean): string {
  return `width ${width}, ${tiny ? 'tiny stem (stride 2)' : 'full-size stem (stride 1)'}`;
}

function shapeWords(s: SpaceSlotShape): string {
  return `${s.cin}→${s.cout} channels, stride ${s.stride}`;
}

/** Why `op` cannot stand at a slot of this shape, or null. */
export function opProblem(op: string, shape: SpaceSlotShape): string | null {
  if (isCellName(op)) {
    let cell;
    try {
      cell = parseCell(op);
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
    const why = cellProblem(cell, shape.stride);
    return why ? `cell "${op}" is not allowed here (${shapeWords(shape)}): ${why}` : null;
  }
  if (!(SINGLE_PATH_OPS as readonly string[]).includes(op)) {
    return `${show(op)} is not an op name (expected one of ${SINGLE_PATH_OPS.join(', ')}, or a cell name such as c3-zz3zzz)`;
  }
  if (op === 'skip' && !canResidual(shape.cin, shape.cout, shape.stride)) {
    return `identity ("skip") is not allowed where stride or width changes (${shapeWords(shape)})`;
  }
  return null;
}

/**
 * What is wrong with a space's op sets on the skeleton of width `width` (slots named 1-based), or null. Reads any
 * value (a config that crossed a trust boundary): it must be one non-empty list of distinct op names per slot, each
 * op allowed at its slot.
 */
export function spaceSlotsProblem(slots: unknown, width: number): string | null {
  const shapes = slotShapes(width);
  if (!Array.isArray(slots)) return `expected one list of op names per slot, got ${show(slots)}`;
  if (slots.length !== shapes.length) return `it lists ${slots.length} slots; the skeleton has ${shapes.length}`;
  for (let j = 0; j < shapes.length; j++) {
    const ops: unknown = slots[j];
    const at = `slot ${j + 1}`;
    if (!Array.isArray(ops)) return `${at}: expected a list of op names, got ${show(ops)}`;
    if (ops.length === 0) return `${at} is empty (every slot needs at least one op)`;
    if (ops.length > SPACE_MAX_OPS_PER_SLOT) return `${at} lists ${ops.length} ops; at most ${SPACE_MAX_OPS_PER_SLOT} are allowed`;
    const seen = new Set<string>();
    for (const op of ops as unknown[]) {
      if (typeof op !== 'string') return `${at}: expected op names, got ${show(op)}`;
      const why = opProblem(op, shapes[j]);
      if (why) return `${at}: ${why}`;
      if (seen.has(op)) return `${at} lists "${op}" twice`;
      seen.add(op);
    }
  }
  return null;
}

/** A space file of these op sets (checked: throws a RangeError that names the problem). */
export function makeSpaceFile(o: { width: number; tiny: boolean; slots: readonly (readonly string[])[]; createdBy: Omit<SpaceCreatedBy, 'date'> & { date?: string } }): SpaceFile {
  const why = spaceSlotsProblem(o.slots, o.width);
  if (why) throw new RangeError(`cannot save this search space: ${why}`);
  const { command, ...rest } = o.createdBy;
  return {
    format: SPACE_FORMAT,
    version: SPACE_VERSION,
    skeleton: spaceSkeleton(o.width, o.tiny),
    slots: o.slots.map((ops) => ops.slice()),
    createdBy: { ...rest, date: o.createdBy.date ?? new Date().toISOString(), ...(command !== undefined ? { command } : {}) },
  };
}

/** The file's text (pretty JSON). */
export function serializeSpaceFile(f: SpaceFile): string {
  return `${JSON.stringify(f, null, 1)}\n`;
}

/** Is this a space file of a version this playground reads? Throws a SpaceFileError naming what it is instead. */
function checkKind(json: unknown, file: string): void {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new SpaceFileError(file, `not a search-space file: expected a JSON object, got ${show(json)}`);
  }
  const { format, version, layers, lut } = json as Record<string, unknown>;
  if (format !== SPACE_FORMAT) {
    const hint = Array.isArray(layers) ? ' (it looks like an ArchSpec)' : lut !== undefined ? ' (it looks like a latency profile)' : '';
    throw new SpaceFileError(file, `not a search-space file: expected format "${SPACE_FORMAT}", got ${show(format)}${hint}`);
  }
  if (typeof version !== 'number' || !Number.isInteger(version)) throw new SpaceFileError(file, `version: expected an integer, got ${show(version)}`);
  if (version > SPACE_VERSION) throw new SpaceFileError(file, `made by a newer version (v${version}); this playground reads v${SPACE_VERSION}`);
  if (version < SPACE_VERSION) throw new SpaceFileError(file, `an unknown older version (v${version}); this playground reads v${SPACE_VERSION}`);
}

/**
 * Read a space file's text. `fileName` names it in every error; `expected` is the skeleton the search will use (a file
 * made for another width or stem is refused, naming both). Throws a SpaceFileError.
 */
export function parseSpaceFile(text: string, fileName: string, expected?: { width: number; tiny: boolean }): SpaceFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SpaceFileError(fileName, `not a search-space file: the file is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  checkKind(json, fileName);
  const r = fileSchema.safeParse(json, { error: plainWords });
  if (!r.success) {
    const { path, problem } = firstIssue(r.error, json);
    throw new SpaceFileError(fileName, `${path ? `${path}: ` : ''}${problem}`);
  }
  const f = r.data as SpaceFile;
  const sk = f.skeleton;
  const own = slotShapes(sk.width);
  const same = sk.slots.length === own.length && sk.slots.every((s, j) => s.cin === own[j].cin && s.cout === own[j].cout && s.stride === own[j].stride);
  if (!same) {
    const theirs = sk.slots.map(shapeWords).join('; ');
    throw new SpaceFileError(
      fileName,
      `made for another skeleton: its ${sk.slots.length} slots are [${theirs}], but this playground's skeleton at width ${sk.width} has ${SKELETON_SLOTS.length} slots [${own.map(shapeWords).join('; ')}]`,
    );
  }
  if (expected && (expected.width !== sk.width || expected.tiny !== sk.tiny)) {
    throw new SpaceFileError(fileName, `made for another skeleton (${skeletonWords(sk.width, sk.tiny)}); this search uses ${skeletonWords(expected.width, expected.tiny)}`);
  }
  const why = spaceSlotsProblem(f.slots, sk.width);
  if (why) throw new SpaceFileError(fileName, `the search space cannot be used: ${why}`);
  return f;
}
