import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resultRecordSchema } from '../../core/method/resultRecord';
import { main } from '../../cli/main';
import { argValue, configFromFlags, searchFlags } from '../../cli/search';
import { parseFlags } from '../../cli/args';
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
});
