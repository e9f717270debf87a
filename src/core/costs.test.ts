import { describe, expect, it } from 'vitest';
import type { ArchSpec } from './archspec';
import { ArchSpecError, archCosts, formatCount, mbAtomCost, validateArchSpec } from './costs';

/** 8×8×1 → conv3 s2 → MB(2 branches) → gap → dense. */
const tiny: ArchSpec = {
  version: 1,
  name: 'tiny',
  input: { height: 8, width: 8, channels: 1 },
  numClasses: 3,
  layers: [
    { type: 'conv', cin: 1, cout: 4, k: 3, stride: 2, relu: true },
    { type: 'mb', cin: 4, cout: 6, stride: 1, branches: [{ k: 3, hidden: 8 }, { k: 5, hidden: 4 }], residual: false },
    { type: 'gap' },
    { type: 'dense', cin: 6, cout: 3 },
  ],
};

/** 7×7×2 → sepconv s2 → chainconv → skip → MB(expand:false) s2 → gap → dense. Odd sizes exercise ceil(in/stride). */
const chain: ArchSpec = {
  version: 1,
  name: 'chain',
  input: { height: 7, width: 7, channels: 2 },
  numClasses: 2,
  layers: [
    { type: 'sepconv', cin: 2, cout: 4, k: 3, stride: 2 },
    { type: 'chainconv', cin: 4, cout: 4, k: 5, stride: 1 },
    { type: 'skip', cin: 4, cout: 4 },
    { type: 'mb', cin: 4, cout: 4, stride: 2, branches: [{ k: 3, hidden: 4 }], residual: false, expand: false },
    { type: 'gap' },
    { type: 'dense', cin: 4, cout: 2 },
  ],
};

describe('archCosts', () => {
  it('counts a conv + two-branch MB + dense by hand', () => {
    const c = archCosts(tiny);
    // conv 3×3 s2: 8×8 → 4×4; MACs cin·cout·k²·Ho·Wo; params weights + BN γβ.
    const conv = { macs: 1 * 4 * 9 * 4 * 4, params: 1 * 4 * 9 + 2 * 4 };
    // MB at 4×4, H = 8 + 4 = 12: expand 4→12, DW k3 (8 ch) + k5 (4 ch), project 12→6, each with BN.
    const mb = {
      macs: 4 * 12 * 16 + 8 * 9 * 16 + 4 * 25 * 16 + 12 * 6 * 16,
      params: 4 * 12 + 2 * 12 + (8 * 9 + 2 * 8) + (4 * 25 + 2 * 4) + (12 * 6 + 2 * 6),
    };
    const dense = { macs: 6 * 3, params: 6 * 3 + 3 };
    expect(c.layers.map((l) => l.macs)).toEqual([conv.macs, mb.macs, 0, dense.macs]);
    expect(c.layers.map((l) => l.params)).toEqual([conv.params, mb.params, 0, dense.params]);
    expect(c.macs).toBe(576 + 4672 + 18);
    expect(c.params).toBe(44 + 352 + 21);
    expect(c.layers.map((l) => l.outShape)).toEqual([
      [4, 4, 4],
      [4, 4, 6],
      [1, 1, 6],
      [1, 1, 3],
    ]);
    expect(c.layers[1]).toMatchObject({ index: 1, type: 'mb', inShape: [4, 4, 4] });
  });

  it('counts sepconv, chainconv, skip and an expand-free MB with odd spatial sizes', () => {
    const c = archCosts(chain);
    // 7 → ceil(7/2) = 4 → 4 → 4 → ceil(4/2) = 2.
    expect(c.layers.map((l) => l.outShape.slice(0, 2))).toEqual([[4, 4], [4, 4], [4, 4], [2, 2], [1, 1], [1, 1]]);
    const sep = { macs: 2 * 9 * 16 + 2 * 4 * 16, params: 2 * 9 + 2 * 4 + 2 * 4 };
    const cc = { macs: 4 * 4 * 25 * 16, params: 4 * 4 * 25 + 2 * 4 };
    // No expand conv: DW k3 on the 4 input channels at 2×2, BN(4), project 4→4, BN(4).
    const mb = { macs: 4 * 9 * 4 + 4 * 4 * 4, params: 4 * 9 + 2 * 4 + 4 * 4 + 2 * 4 };
    const dense = { macs: 4 * 2, params: 4 * 2 + 2 };
    expect(c.layers.map((l) => l.macs)).toEqual([sep.macs, cc.macs, 0, mb.macs, 0, dense.macs]);
    expect(c.layers.map((l) => l.params)).toEqual([sep.params, cc.params, 0, mb.params, 0, dense.params]);
    expect(c.macs).toBe(416 + 6400 + 208 + 8);
    expect(c.params).toBe(34 + 408 + 68 + 10);
  });
});

describe('mbAtomCost', () => {
  it('is cin·Hin·Win + k²·Hout·Wout + cout·Hout·Wout', () => {
    expect(mbAtomCost(8, 5, 28, 28, 14, 14, 16)).toBe(8 * 784 + 25 * 196 + 16 * 196);
  });

  it('summed over all atoms equals the MB layer MACs', () => {
    const mb = tiny.layers[1];
    if (mb.type !== 'mb') throw new Error('fixture');
    const atoms = mb.branches.reduce((s, b) => s + b.hidden * mbAtomCost(4, b.k, 4, 4, 4, 4, 6), 0);
    expect(atoms).toBe(archCosts(tiny).layers[1].macs);
  });
});

describe('formatCount', () => {
  it('uses k / M / G with 3 significant digits', () => {
    expect(formatCount(7610880)).toBe('7.61 M');
    expect(formatCount(52300)).toBe('52.3 k');
    expect(formatCount(999)).toBe('999');
  });
});

/** Loosely typed view of spec JSON, so tests can plant wrong values. */
interface LooseLayer {
  [key: string]: unknown;
  branches: Record<string, unknown>[];
}
interface LooseSpec {
  [key: string]: unknown;
  input: Record<string, unknown>;
  layers: LooseLayer[];
}

/** Deep copy of `base` with `edit` applied, as untyped JSON. */
function mutate(base: ArchSpec, edit: (j: LooseSpec) => void): unknown {
  const j = JSON.parse(JSON.stringify(base)) as LooseSpec;
  edit(j);
  return j;
}

function errorOf(json: unknown): string {
  try {
    validateArchSpec(json);
  } catch (e) {
    expect(e).toBeInstanceOf(ArchSpecError);
    return (e as Error).message;
  }
  throw new Error('expected an ArchSpecError');
}

describe('validateArchSpec', () => {
  it('accepts valid specs and returns a clean copy', () => {
    expect(validateArchSpec(JSON.parse(JSON.stringify(tiny)))).toEqual(tiny);
    expect(validateArchSpec(JSON.parse(JSON.stringify(chain)))).toEqual(chain);
    const extra = mutate(tiny, (j) => {
      j.layers[0].note = 'dropped';
      j.meta = { seed: 1, method: 'x', tiny: true };
    });
    const v = validateArchSpec(extra);
    expect(v.layers[0]).not.toHaveProperty('note');
    expect(v.meta).toEqual({ seed: 1, method: 'x', tiny: true });
  });

  const cases: [string, (j: LooseSpec) => void, string][] = [
    ['bad version', (j) => (j.version = 2), 'version: must be 1, got 2'],
    ['missing name', (j) => delete j.name, 'name: must be a string, got nothing (missing)'],
    ['bad input height', (j) => (j.input.height = 0), 'input.height: must be an integer ≥ 1, got 0'],
    ['non-integer channels', (j) => (j.input.channels = 1.5), 'input.channels: must be an integer ≥ 1, got 1.5'],
    ['bad numClasses', (j) => (j.numClasses = '10'), 'numClasses: must be an integer ≥ 1, got "10"'],
    ['empty layers', (j) => (j.layers = []), 'layers: must be a non-empty array, got an array'],
    ['unknown type', (j) => (j.layers[2].type = 'pool'), "layers[2].type: must be one of 'conv', 'mb', 'skip', 'sepconv', 'chainconv', 'cell', 'gap', 'dense', got \"pool\""],
    ['even kernel in a branch', (j) => (j.layers[1].branches[1].k = 4), 'layers[1].branches[1].k: must be an odd integer ≥ 1, got 4'],
    ['duplicate kernel', (j) => (j.layers[1].branches[1].k = 3), 'layers[1].branches[1].k: kernel size 3 appears in more than one branch'],
    ['zero hidden', (j) => (j.layers[1].branches[0].hidden = 0), 'layers[1].branches[0].hidden: must be an integer ≥ 1, got 0'],
    ['no branches', (j) => (j.layers[1].branches = []), 'layers[1].branches: must be a non-empty array of {k, hidden}, got an array'],
    ['conv relu missing', (j) => delete j.layers[0].relu, 'layers[0].relu: must be true or false, got nothing (missing)'],
    ['stride 0', (j) => (j.layers[0].stride = 0), 'layers[0].stride: must be an integer ≥ 1, got 0'],
    ['layer not an object', (j) => ((j.layers as unknown[])[0] = 5), 'layers[0]: must be an object, got 5'],
    ['channel chaining', (j) => (j.layers[1].cin = 5), "layers[1].cin: must equal layers[0]'s output channels 4, got 5"],
    ['first layer vs input', (j) => (j.layers[0].cin = 3), 'layers[0].cin: must equal the input channels 1, got 3'],
    ['residual with channel change', (j) => (j.layers[1].residual = true), 'layers[1].residual: needs stride 1 and cin == cout, got stride 1, cin 4, cout 6'],
    ['dense before gap', (j) => j.layers.splice(2, 1), 'layers[2]: dense needs a gap (global average pool) before it'],
    ['conv after gap', (j) => j.layers.splice(3, 0, { type: 'conv', cin: 6, cout: 6, k: 1, stride: 1, relu: true, branches: [] }), "layers[3].type: 'conv' needs a spatial input but comes after gap"],
    ['two gaps', (j) => j.layers.splice(3, 0, { type: 'gap', branches: [] }), 'layers[3]: a second gap: the features are already pooled'],
    ['no classifier', (j) => j.layers.splice(3, 1), "layers: must end with gap → dense (the classifier), but the last layer is 'gap'"],
    ['classifier width', (j) => (j.layers[3].cout = 4), 'layers[3].cout: the classifier must output numClasses 3, got 4'],
    ['bad meta', (j) => (j.meta = { a: [1] }), 'meta.a: must be a string, finite number or boolean, got an array'],
  ];
  it.each(cases)('rejects %s', (_label, edit, message) => {
    expect(errorOf(mutate(tiny, edit))).toBe(message);
  });

  it('rejects a non-object', () => {
    expect(errorOf([1, 2])).toBe('spec: must be an object, got an array');
    expect(errorOf(null)).toBe('spec: must be an object, got null');
  });

  it('rejects a skip that changes channels', () => {
    expect(errorOf(mutate(chain, (j) => (j.layers[2].cout = 5)))).toBe('layers[2].cout: a skip (identity) layer needs cout == cin 4, got 5');
  });

  it('rejects expand:false when the hidden channels differ from cin', () => {
    expect(errorOf(mutate(chain, (j) => (j.layers[3].branches[0].hidden = 6)))).toBe(
      'layers[3].branches: with expand: false the hidden channels must sum to cin 4, got 6',
    );
  });

  it('rejects a residual with stride 2 and a non-boolean expand', () => {
    expect(errorOf(mutate(chain, (j) => (j.layers[3].residual = true)))).toMatch(/^layers\[3\]\.residual: needs stride 1/);
    expect(errorOf(mutate(chain, (j) => (j.layers[3].expand = 'no')))).toBe('layers[3].expand: must be true or false, got "no"');
  });

  it('carries the path on the error object', () => {
    const bad = mutate(tiny, (j) => (j.layers[1].branches[1].k = 4));
    expect(() => validateArchSpec(bad)).toThrow(expect.objectContaining({ path: 'layers[1].branches[1].k' }));
  });
});
