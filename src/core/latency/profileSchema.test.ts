/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- edits of arbitrary JSON */
import { describe, expect, it } from 'vitest';
import { ProfileError, parseProfileText, serializeProfile, validateProfile } from './profileSchema';
import { syntheticProfile } from './testProfile';

/** A JSON copy of the fixture with `edit` applied. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke arbitrary JSON into the file on purpose
type Json = any;

function mutated(edit: (p: Json) => void): unknown {
  const p: Json = JSON.parse(serializeProfile(syntheticProfile()));
  edit(p);
  return p;
}

function errorOf(json: unknown): ProfileError {
  try {
    validateProfile(json);
  } catch (e) {
    if (e instanceof ProfileError) return e;
    throw e;
  }
  throw new Error('expected a ProfileError');
}

describe('profile schema', () => {
  it('round-trips through JSON text (NaN metrics are written as null and read back as NaN)', () => {
    const p = syntheticProfile();
    const text = serializeProfile(p);
    expect(text).toContain('"spearman": null');
    const back = parseProfileText(text);
    expect(back).toEqual(p);
    expect(back.predictor!.report.rows[0].heldOut.spearman).toBeNaN();
  });
  it('a foreign file: not JSON, not an object, another format, an ArchSpec', () => {
    expect(() => parseProfileText('{oops')).toThrow(/not a latency profile: the file is not valid JSON/);
    expect(errorOf([1, 2]).message).toMatch(/not a latency profile: expected a JSON object, got an array/);
    expect(errorOf({ format: 'something-else', version: 1 })).toMatchObject({ path: 'format' });
    expect(errorOf({ format: 'something-else' }).message).toMatch(/expected format "nas-playground-latency-profile", got "something-else"/);
    expect(errorOf({ version: 1, name: 'x', layers: [] }).message).toMatch(/looks like an ArchSpec/);
  });
  it('unsupported versions say which version this app reads', () => {
    expect(errorOf(mutated((p) => (p.version = 2))).message).toMatch(/unsupported profile version 2: the file was written by a newer version .* reads version 1/);
    expect(errorOf(mutated((p) => (p.version = 0))).message).toMatch(/unsupported profile version 0/);
    expect(errorOf(mutated((p) => (p.version = '1'))).path).toBe('version');
  });
  it('top-level fields: empty id, bad date, missing device', () => {
    expect(errorOf(mutated((p) => (p.id = '')))).toMatchObject({ path: 'id' });
    expect(errorOf(mutated((p) => (p.createdAt = 'yesterday')))).toMatchObject({ path: 'createdAt' });
    expect(errorOf(mutated((p) => delete p.device)).message).toBe('device: expected an object, got nothing (missing)');
    expect(errorOf(mutated((p) => (p.device.isFallbackAdapter = 'yes')))).toMatchObject({ path: 'device.isFallbackAdapter' });
    expect(errorOf(mutated((p) => (p.settings.mode = 'turbo'))).message).toMatch(/settings.mode: expected one of full, reduced/);
    expect(errorOf(mutated((p) => (p.settings.input.height = 0)))).toMatchObject({ path: 'settings.input.height' });
  });
  it('LUT entries: bad key and bad numbers name the entry', () => {
    const bad = errorOf(mutated((p) => (p.lut['pool c=1'] = { medianMs: 1, madMs: 0, samples: 21, repeats: 1, compileMs: 0 })));
    expect(bad.path).toBe('lut["pool c=1"]');
    expect(bad.message).toMatch(/not a LUT key/);
    const key = Object.keys(syntheticProfile().lut)[0];
    expect(errorOf(mutated((p) => delete p.lut[key].medianMs)).path).toBe(`lut[${JSON.stringify(key)}].medianMs`);
    expect(errorOf(mutated((p) => (p.lut[key].madMs = -1))).message).toMatch(/must be ≥ 0, got -1/);
    expect(errorOf(mutated((p) => (p.lut[key].samples = 2.5))).message).toMatch(/expected an integer/);
  });
  it('per-channel fits, e2e entries, predictor and roofline are checked too', () => {
    expect(errorOf(mutated((p) => (p.perChannel['mb x'] = {}))).message).toMatch(/per-channel keys start with "mbch "/);
    expect(errorOf(mutated((p) => (p.perChannel['mbch cin=8 cout=16 h=14 w=14 k=3 s=2 res=0'].widths = [8, 0]))).path).toBe(
      'perChannel["mbch cin=8 cout=16 h=14 w=14 k=3 s=2 res=0"].widths[1]',
    );
    expect(errorOf(mutated((p) => (p.e2e[0].spec.layers[0].k = 'three'))).path).toMatch(/^e2e\[0\]\.spec\.layers\[0\]\.k/);
    expect(errorOf(mutated((p) => (p.e2e[0].split = 'test'))).path).toBe('e2e[0].split');
    expect(errorOf(mutated((p) => (p.e2e[0].spec = 5))).message).toBe('e2e[0].spec: must be an object, got 5');
    expect(errorOf(mutated((p) => (p.predictor.report.rows[0].name = 'flops'))).path).toBe('predictor.report.rows[0].name');
    expect(errorOf(mutated((p) => (p.roofline.matmulGflops = 'fast'))).path).toBe('roofline.matmulGflops');
  });
  it('refuses implausible numbers and names the field', () => {
    const key = Object.keys(syntheticProfile().lut)[0];
    const lut = `lut[${JSON.stringify(key)}]`;
    const cases: [string, (p: Json) => void, string][] = [
      ['predictor a = -1e30', (p) => (p.predictor.a = -1e30), 'predictor.a: must be ≥ 0, got -1e+30'],
      ['predictor a = 1e30', (p) => (p.predictor.a = 1e30), 'predictor.a: must be ≤ 1000, got 1e+30'],
      ['negative dispatch cost', (p) => (p.predictor.b = -0.5), 'predictor.b: must be ≥ 0, got -0.5'],
      ['LUT median 1e308', (p) => (p.lut[key].medianMs = 1e308), `${lut}.medianMs: must be < 100000, got 1e+308`],
      ['LUT median 0', (p) => (p.lut[key].medianMs = 0), `${lut}.medianMs: must be > 0, got 0`],
      ['input 100000×100000×1000', (p) => (p.settings.input = { height: 1e5, width: 1e5, channels: 1000 }), 'settings.input.height: must be ≤ 512, got 100000'],
      ['input channels 1000', (p) => (p.settings.input.channels = 1000), 'settings.input.channels: must be ≤ 64, got 1000'],
      ['empty LUT', (p) => (p.lut = {}), 'lut: must hold at least one entry, got none'],
      ['held-out share above 1', (p) => (p.predictor.report.rows[0].heldOut.within10 = 3), 'predictor.report.rows[0].heldOut.within10: must be ≤ 1, got 3'],
    ];
    for (const [label, edit, message] of cases) expect(errorOf(mutated(edit)).message, label).toBe(message);
  });
  it('refuses numbers JSON cannot hold exactly (1e999 reads as Infinity)', () => {
    const text = serializeProfile(syntheticProfile()).replace('"durationMs": 1234', '"durationMs": 1e999');
    expect(() => parseProfileText(text)).toThrow('durationMs: expected a number, got Infinity');
  });
  it('null predictor and roofline are valid (a cancelled run)', () => {
    const p = validateProfile(mutated((q) => ((q.predictor = null), (q.roofline = null), (q.partial = true))));
    expect(p.predictor).toBeNull();
    expect(p.roofline).toBeNull();
  });
  it('cell parts: plausible part entries and the cells flag load; absurd ones are refused with the key named', () => {
    const entry = { medianMs: 0.05, madMs: 0.001, samples: 21, repeats: 8, compileMs: 2 };
    const ok = validateProfile(
      mutated((p) => {
        p.settings.cells = true;
        p.lut['dw c=24 h=14 w=14 k=5 s=2'] = entry;
        p.lut['add c=24 h=7 w=7 n=3'] = entry;
      }),
    );
    expect(ok.settings.cells).toBe(true);
    expect(ok.lut['dw c=24 h=14 w=14 k=5 s=2'].medianMs).toBe(0.05);
    // A profile from before cells were measurable has no flag and still loads.
    expect(validateProfile(mutated(() => undefined)).settings.cells).toBeUndefined();
    const cases: [string, (p: Json) => void, RegExp][] = [
      ['dw kernel 4', (p) => (p.lut['dw c=24 h=7 w=7 k=4 s=1'] = entry), /^lut\["dw c=24 h=7 w=7 k=4 s=1"\]: not a plausible cell part \(a cell's depthwise edge has kernel 3, 5, 7, got k=4\)/],
      ['dw stride 3', (p) => (p.lut['dw c=24 h=7 w=7 k=3 s=3'] = entry), /stride 1 or 2, got s=3/],
      ['dw zero channels', (p) => (p.lut['dw c=0 h=7 w=7 k=3 s=1'] = entry), /c, h and w must be ≥ 1, got c=0/],
      ['add of 1 tensor', (p) => (p.lut['add c=24 h=7 w=7 n=1'] = entry), /adds 2 to 3 tensors, got n=1/],
      ['add of 9 tensors', (p) => (p.lut['add c=24 h=7 w=7 n=9'] = entry), /adds 2 to 3 tensors, got n=9/],
      ['add 100000 px wide', (p) => (p.lut['add c=24 h=7 w=100000 n=2'] = entry), /h and w must be ≤ 512, got h=7 w=100000/],
      ['part median 1e308', (p) => (p.lut['dw c=24 h=7 w=7 k=3 s=1'] = { ...entry, medianMs: 1e308 }), /^lut\["dw c=24 h=7 w=7 k=3 s=1"\]\.medianMs: must be < 100000/],
      ['part median 0', (p) => (p.lut['add c=24 h=7 w=7 n=2'] = { ...entry, medianMs: 0 }), /^lut\["add c=24 h=7 w=7 n=2"\]\.medianMs: must be > 0, got 0/],
      ['cells flag not a boolean', (p) => (p.settings.cells = 'yes'), /^settings\.cells/],
    ];
    for (const [label, edit, message] of cases) expect(errorOf(mutated(edit)).message, label).toMatch(message);
  });
});
