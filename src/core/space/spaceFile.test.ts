import { describe, expect, it } from 'vitest';
import { makeSpaceFile, parseSpaceFile, serializeSpaceFile, spaceSlotsProblem, SPACE_FORMAT, type SpaceFile } from './spaceFile';
import { singlePathSpace } from './singlePath';

/** A learned-looking space at width 0.5: the reference cell everywhere, plus MB ops and other cells. */
const SLOTS = [
  ['c3-zz3zzz', 'k5e3'],
  ['c3-zz3zzz', 'skip', 'c4-3zzz5z'],
  ['c3-zz3zzz', 'k7e6'],
  ['c3-zz3zzz', 'c2-zz5zzz'],
  ['k3e3', 'c6-p3zzz3'],
  ['c3-zz3zzz', 'skip'],
  ['c3-zz3zzz'],
];

function file(over: Partial<SpaceFile> = {}): SpaceFile {
  return { ...makeSpaceFile({ width: 0.5, tiny: true, slots: SLOTS, createdBy: { method: 'autospace', seed: 3, preset: 'tiny', date: '2026-11-30T00:00:00.000Z' } }), ...over };
}

/** The message parseSpaceFile throws for this JSON value. */
function refusal(json: unknown, expected?: { width: number; tiny: boolean }): string {
  try {
    parseSpaceFile(typeof json === 'string' ? json : JSON.stringify(json), 'learned.json', expected);
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
}

describe('search-space file', () => {
  it('round-trips: made, written and read back unchanged, with its skeleton and provenance', () => {
    const f = file();
    expect(f).toMatchObject({ format: SPACE_FORMAT, version: 1, skeleton: { width: 0.5, tiny: true }, createdBy: { method: 'autospace', seed: 3, preset: 'tiny' } });
    expect(f.skeleton.slots).toHaveLength(7);
    expect(f.skeleton.slots[0]).toEqual({ cin: 4, cout: 8, stride: 2 });
    expect(parseSpaceFile(serializeSpaceFile(f), 'learned.json', { width: 0.5, tiny: true })).toEqual(f);
    // The hand-designed space is a space file too (MB names only).
    const hand = makeSpaceFile({ width: 1, tiny: false, slots: singlePathSpace(1), createdBy: { method: 'padnas', seed: 1, preset: 'default', command: 'x' } });
    expect(parseSpaceFile(serializeSpaceFile(hand), 'hand.json').slots).toEqual(singlePathSpace(1));
    expect(hand.createdBy.command).toBe('x');
    expect(Date.parse(hand.createdBy.date)).not.toBeNaN();
  });

  it('refuses text that is not JSON, naming the file', () => {
    expect(refusal('{"format": ')).toMatch(/^learned\.json: not a search-space file: the file is not valid JSON/);
  });

  it('refuses another kind of file, saying what it looks like', () => {
    expect(refusal([1, 2])).toMatch(/learned\.json: not a search-space file: expected a JSON object, got an array/);
    expect(refusal({ format: 'nas-playground-latency-profile', version: 1, lut: {} })).toMatch(/expected format "nas-playground\.space", got "nas-playground-latency-profile" \(it looks like a latency profile\)/);
    expect(refusal({ version: 1, layers: [] })).toMatch(/got nothing \(missing\) \(it looks like an ArchSpec\)/);
  });

  it('refuses a newer version in plain words, and an older or broken one', () => {
    expect(refusal({ ...file(), version: 2 })).toBe('learned.json: made by a newer version (v2); this playground reads v1');
    expect(refusal({ ...file(), version: 0 })).toMatch(/unknown older version \(v0\)/);
    expect(refusal({ ...file(), version: '1' })).toMatch(/version: expected an integer, got "1"/);
  });

  it('refuses missing or mistyped fields, naming the path', () => {
    const { createdBy: _, ...noProvenance } = file();
    expect(refusal(noProvenance)).toMatch(/learned\.json: createdBy: expected an object, got nothing \(missing\)/);
    expect(refusal({ ...file(), slots: [['k3e3'], 3] })).toMatch(/slots\[1\]: expected an array, got 3/);
    expect(refusal({ ...file(), createdBy: { ...file().createdBy, date: 'yesterday' } })).toMatch(/createdBy\.date: not a date/);
  });

  it('refuses a file made for another skeleton, naming both', () => {
    const f = file();
    expect(refusal(f, { width: 1, tiny: true })).toBe(
      'learned.json: made for another skeleton (width 0.5, tiny stem (stride 2)); this search uses width 1, tiny stem (stride 2)',
    );
    expect(refusal(f, { width: 0.5, tiny: false })).toMatch(/this search uses width 0\.5, full-size stem/);
    // Slots that are not this playground's skeleton at that width (another skeleton, or a hand-edited file).
    const other = { ...f, skeleton: { ...f.skeleton, slots: f.skeleton.slots.slice(0, 5) } };
    expect(refusal(other)).toMatch(/made for another skeleton: its 5 slots are \[4→8 channels, stride 2; .*\], but this playground's skeleton at width 0\.5 has 7 slots/);
    const shifted = { ...f, skeleton: { ...f.skeleton, slots: f.skeleton.slots.map((s, j) => (j === 2 ? { ...s, stride: 1 } : s)) } };
    expect(refusal(shifted)).toMatch(/made for another skeleton/);
  });

  it('refuses a wrong number of slots, an empty slot, duplicates and too many ops', () => {
    expect(refusal({ ...file(), slots: SLOTS.slice(0, 6) })).toMatch(/the search space cannot be used: it lists 6 slots; the skeleton has 7/);
    expect(refusal({ ...file(), slots: SLOTS.map((o, j) => (j === 3 ? [] : o)) })).toMatch(/slot 4 is empty \(every slot needs at least one op\)/);
    expect(refusal({ ...file(), slots: SLOTS.map((o, j) => (j === 0 ? ['k3e3', 'k3e3'] : o)) })).toMatch(/slot 1 lists "k3e3" twice/);
    const many = Array.from({ length: 40 }, (_, i) => `c${[2, 3, 4, 6][i % 4]}-zz${'357p'[Math.floor(i / 4) % 4]}zz${'357'[Math.floor(i / 16)]}`);
    expect(refusal({ ...file(), slots: SLOTS.map((o, j) => (j === 1 ? many : o)) })).toMatch(/slot 2 lists 40 ops; at most 32/);
  });

  it('refuses a bad op name, naming the slot and the name', () => {
    expect(refusal({ ...file(), slots: SLOTS.map((o, j) => (j === 4 ? ['k3e3', 'conv3'] : o)) })).toMatch(/slot 5: "conv3" is not an op name \(expected one of k3e3, .*skip, or a cell name such as c3-zz3zzz\)/);
    expect(refusal({ ...file(), slots: SLOTS.map((o, j) => (j === 4 ? ['k9e3'] : o)) })).toMatch(/slot 5: "k9e3" is not an op name/);
    // A cell name with an unknown expansion, and one with no path from input to output.
    expect(refusal({ ...file(), slots: SLOTS.map((o, j) => (j === 2 ? ['c5-zz3zzz'] : o)) })).toMatch(/slot 3: cell "c5-zz3zzz": expansion 5 is not one of/);
    expect(refusal({ ...file(), slots: SLOTS.map((o, j) => (j === 2 ? ['c3-zzzzzz'] : o)) })).toMatch(/slot 3: cell "c3-zzzzzz": no path from the input to the output/);
  });

  it('refuses an op not allowed at its slot: identity where stride or width changes, a cell invalid at stride 2', () => {
    expect(refusal({ ...file(), slots: SLOTS.map((o, j) => (j === 0 ? ['k3e3', 'skip'] : o)) })).toMatch(
      /slot 1: identity \("skip"\) is not allowed where stride or width changes \(4→8 channels, stride 2\)/,
    );
    expect(refusal({ ...file(), slots: SLOTS.map((o, j) => (j === 2 ? ['c3-iz3zzz'] : o)) })).toBe(
      'learned.json: the search space cannot be used: slot 3: cell "c3-iz3zzz" is not allowed here (8→12 channels, stride 2): an identity edge leaves the input node, which is not allowed where the cell has stride 2',
    );
    // The same cell is fine at a stride-1 slot.
    expect(spaceSlotsProblem(SLOTS.map((o, j) => (j === 3 ? ['c3-iz3zzz'] : o)), 0.5)).toBeNull();
  });

  it('makeSpaceFile refuses a space it could not read back', () => {
    expect(() => makeSpaceFile({ width: 1, tiny: false, slots: SLOTS.map((o, j) => (j === 6 ? [] : o)), createdBy: { method: 'm', seed: 1, preset: 'p' } })).toThrow(
      /cannot save this search space: slot 7 is empty/,
    );
  });

  it('spaceSlotsProblem reads any value (a config from a worker request)', () => {
    expect(spaceSlotsProblem('k3e3', 1)).toMatch(/expected one list of op names per slot, got "k3e3"/);
    expect(spaceSlotsProblem(SLOTS.map((o, j) => (j === 1 ? 'k3e3' : o)), 1)).toMatch(/slot 2: expected a list of op names/);
    expect(spaceSlotsProblem(SLOTS.map((o, j) => (j === 1 ? [7] : o)), 1)).toMatch(/slot 2: expected op names, got 7/);
    expect(spaceSlotsProblem(singlePathSpace(0.25), 0.25)).toBeNull();
  });
});
