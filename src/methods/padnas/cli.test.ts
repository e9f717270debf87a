import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resultRecordSchema } from '../../core/method/resultRecord';
import { main } from '../../cli/main';
import { argValue, configFromFlags, searchFlags } from '../../cli/search';
import { parseFlags } from '../../cli/args';
import { makeSpaceFile, serializeSpaceFile } from '../../core/space/spaceFile';
import { singlePathSpace } from '../../core/space/singlePath';
import { padnasPreset } from './config';
import { padnasMethod } from './index';
import type { PadNasRecordFields } from './snapshot';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { log: (l: string) => out.push(l), error: (l: string) => err.push(l) }, out, err };
}

/** The config `search --method padnas <argv>` would run (pure: nothing is trained). */
function configOf(argv: string[]) {
  const all = ['--method', 'padnas', ...argv];
  return configFromFlags(padnasMethod, parseFlags(all, searchFlags(padnasMethod, argValue(all, 'preset')), 'search'));
}

describe('cli search --method padnas', () => {
  it('refuses a flag PAD-NAS does not have (exit 2), naming it and listing the flags it has', async () => {
    const c = capture();
    expect(await main(['search', '--method', 'padnas', '--rho', '1'], c.io)).toBe(2);
    const msg = c.err.join('\n');
    expect(msg).toMatch(/unknown flag --rho/);
    expect(msg).toMatch(/--population/);
    expect(msg).toMatch(/--window-lo/);
  });

  it('refuses out-of-range values and an empty window with exit 2', async () => {
    for (const [argv, pattern] of [
      [['--population', '2'], /--population must be an integer in \[4, 64\], got '2'/],
      [['--stages', '9'], /--stages must be an integer in \[3, 6\]/],
      [['--window-lo', '0.8', '--window-hi', '0.3'], /PAD-NAS: the latency window is empty/],
      [['--train-limit', '16', '--batch', '32'], /smaller than one batch/],
    ] as const) {
      const c = capture();
      expect(await main(['search', '--method', 'padnas', ...argv], c.io)).toBe(2);
      expect(c.err.join('\n')).toMatch(pattern);
    }
  });

  it('starts from the preset and applies only the flags given (the first CLI flags keep their names)', () => {
    expect(configOf(['--preset', 'default', '--seed', '3'])).toEqual({ ...padnasPreset('default'), seed: 3 });
    expect(configOf(['--population', '6', '--generations', '0', '--stages', '4', '--epochs', '3', '--baseline', 'false'])).toEqual({
      ...padnasPreset('tiny'),
      population: 6,
      generations: 0,
      stages: 4,
      supernetEpochs: 3,
      trainBaseline: false,
    });
  });

  it('runs a tiny search end to end and writes the result record', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'padnas-cli-'));
    const out = join(dir, 'r.json');
    const c = capture();
    // 64 images = 2 steps per epoch; k3 ops only; 4 architectures, no further generations; 2 ranking architectures of 1 step.
    const argv = [
      'search', '--method', 'padnas', '--seed', '1', '--ops', 'k3', '--population', '4', '--generations', '0', '--epochs', '1',
      '--finetune-epochs', '0', '--rank-archs', '2', '--rank-steps', '1', '--final-epochs', '1', '--train-limit', '64', '--batch', '32',
      '--bn-recal', 'false', '--share', '0.5', '--out', out,
    ];
    expect(await main(argv, c.io)).toBe(0);
    expect(c.err).toEqual([]);
    const rec = resultRecordSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    expect(rec).toMatchObject({ method: 'padnas', card: { seed: 1, backend: 'cpu', settings: { population: 4, ops: 'k3' }, split: { train: 64 } }, latency: null });
    expect(rec.archSpec.layers.length).toBeGreaterThan(0);
    expect(rec.macs).toBeGreaterThan(0);
    expect(rec.params).toBeGreaterThan(0);
    expect(rec.valAccuracy).toBeGreaterThanOrEqual(0);
    expect(rec.testAccuracy).toBeGreaterThanOrEqual(0);
    const p = rec as unknown as PadNasRecordFields;
    expect(p.genotype).toHaveLength(7);
    expect(p.genotype.every((op) => ['k3e3', 'k3e6', 'skip'].includes(op))).toBe(true);
    expect(p.stages).toHaveLength(2);
    expect(p.window.unit).toBe('MACs');
    expect(p.cost).toBe(rec.macs);
    expect(p.baseline.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(p.ranking.before).toHaveLength(2);
    expect(c.out.join('\n')).toMatch(/window .* in MACs \(no device profile\)/);
    expect(c.out.join('\n')).toMatch(/wrote /);
  }, 120_000);

  it('--space: a file it cannot use is refused with exit 2, naming the file and the problem, before anything is trained', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'padnas-space-'));
    const good = makeSpaceFile({ width: 0.5, tiny: true, slots: singlePathSpace(0.5, 'k3'), createdBy: { method: 'autospace', seed: 1, preset: 'tiny' } });
    const cases: [string, string, RegExp][] = [
      ['missing.json', '', /--space .*missing\.json: cannot read the file \(ENOENT\)/],
      ['broken.json', '{"format":', /--space .*broken\.json: not a search-space file: the file is not valid JSON/],
      ['future.json', JSON.stringify({ ...good, version: 2 }), /--space .*future\.json: made by a newer version \(v2\); this playground reads v1/],
      ['wide.json', serializeSpaceFile(makeSpaceFile({ width: 1, tiny: true, slots: singlePathSpace(1), createdBy: { method: 'autospace', seed: 1, preset: 'default' } })), /wide\.json: made for another skeleton \(width 1, tiny stem \(stride 2\)\); this search uses width 0\.5, tiny stem/],
      ['empty.json', JSON.stringify({ ...good, slots: good.slots.map((o, j) => (j === 2 ? [] : o)) }), /empty\.json: the search space cannot be used: slot 3 is empty/],
    ];
    for (const [name, text, pattern] of cases) {
      const path = join(dir, name);
      if (text) await writeFile(path, text);
      const c = capture();
      expect(await main(['search', '--method', 'padnas', '--space', path], c.io)).toBe(2);
      expect(c.err.join('\n')).toMatch(pattern);
      expect(c.out.join('\n')).not.toMatch(/search padnas/);
    }
    // A method that cannot run in a saved space has no --space flag.
    const c = capture();
    expect(await main(['search', '--method', 'random', '--space', join(dir, 'x.json')], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/unknown flag --space/);
  });

  it('--space FILE: searches the saved space and records where it came from', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'padnas-space-'));
    const space = singlePathSpace(0.5, 'k3').map((ops, j) => (j === 3 ? ['c3-zz3zzz', 'k3e3'] : ops.slice(0, 1)));
    const file = makeSpaceFile({ width: 0.5, tiny: true, slots: space, createdBy: { method: 'autospace', seed: 4, preset: 'tiny', command: 'cli search --method autospace' } });
    const path = join(dir, 'learned.json');
    await writeFile(path, serializeSpaceFile(file));
    const out = join(dir, 'r.json');
    const c = capture();
    const argv = [
      'search', '--method', 'padnas', '--space', path, '--population', '4', '--generations', '0', '--epochs', '1', '--finetune-epochs', '0',
      '--rank-archs', '2', '--rank-steps', '1', '--final-epochs', '1', '--train-limit', '64', '--batch', '32', '--bn-recal', 'false', '--baseline', 'false', '--out', out,
    ];
    expect(await main(argv, c.io)).toBe(0);
    expect(c.err).toEqual([]);
    const rec = resultRecordSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    const p = rec as unknown as PadNasRecordFields;
    expect(p.space).toEqual({ kind: 'given', family: null, slots: space, from: { file: path, createdBy: file.createdBy } });
    expect(p.genotype.every((op, j) => space[j].includes(op))).toBe(true);
    expect(p.front.length).toBeGreaterThan(0);
    expect(rec.card.settings).toMatchObject({ space });
    expect(c.out.join('\n')).toMatch(/given space 10\^0\.30/);
  }, 120_000);
});
