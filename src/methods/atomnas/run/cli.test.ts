/**
 * `npm run cli -- search --method atomnas …` end to end through the generic CLI (`main`): the flags generated from the
 * settings fields, the latency-profile checks, and the result record it writes.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeProfile } from '../../../core/latency/profileSchema';
import { linearBranchProfile } from '../../../core/latency/testProfile';
import { resultRecordSchema, type ResultRecord } from '../../../core/method/resultRecord';
import { parseFlags } from '../../../cli/args';
import { main } from '../../../cli/main';
import { configFromFlags, searchFlags, selectMethod } from '../../../cli/search';
import { encodeBuiltin } from '../../../data/builtin';
import { syntheticData } from '../../../engine/testing';
import { atomnasPreset } from '../settings';
import type { AtomNasRecordFields } from '../snapshot';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { log: (l: string) => out.push(l), error: (l: string) => err.push(l) }, out, err };
}

const slope = (op: { k: number; h: number }): number => 1e-4 * op.k * op.k * op.h;

/** The config `search --method atomnas <argv>` would run with (parsed like the CLI does, nothing trained). */
function configOf(...argv: string[]): Record<string, unknown> {
  const all = ['--method', 'atomnas', ...argv];
  const m = selectMethod(all);
  const preset = all.includes('--preset') ? all[all.indexOf('--preset') + 1] : null;
  return configFromFlags(m, parseFlags(all, searchFlags(m, preset), 'search'));
}

describe('search --method atomnas: flags', () => {
  it('start from the preset and apply only the settings given', () => {
    expect(configOf('--preset', 'default', '--seed', '3')).toEqual({ ...atomnasPreset('default'), seed: 3 });
    expect(configOf()).toEqual(atomnasPreset('tiny'));
  });

  it('target mode in millions of MACs, kernels, proximal off, train limit, ρ', () => {
    const c = configOf('--target-mode', '--target-macs', '0.45', '--kernels', '3-5', '--proximal', 'false', '--train-limit', '0', '--rho', '0.01');
    expect(c).toMatchObject({ preset: 'tiny', targetMode: true, targetMacs: 450_000, kernels: [3, 5], proximal: false, trainLimit: 0, rho: 0.01 });
    // A boolean setting's own words (its URL values) work on the command line too.
    expect(configOf('--target-mode', 'target', '--penalty', 'latency')).toMatchObject({ targetMode: true, penalty: 'latency' });
    expect(configOf('--target-mode', 'rho', '--proximal', 'off')).toMatchObject({ targetMode: false, proximal: false });
    expect(configOf('--proximal', '--target-mode')).toMatchObject({ targetMode: true, proximal: true });
  });

  it('bad flags exit 2 and name the flag (and the method’s flags)', async () => {
    for (const [argv, pattern] of [
      [['--bogus', '1'], /unknown flag --bogus for 'search'; known flags: .*--rho.*--target-macs/],
      [['--penalty', 'flops'], /--penalty must be one of macs, uniform, latency, got 'flops'/],
      [['--rho', '5'], /--rho must be a number in \[0\.000001, 1\], got '5'/],
      [['--kernels', '9'], /--kernels must be one of 3-5-7, 3-5, 3-7, 5-7, 3, 5, 7/],
      [['--target-macs', '450000'], /--target-macs must be a number in \[0\.01, 100\]/],
      [['--batch', '64', '--train-limit', '40'], /the training subset \(40 images\) is smaller than one batch \(64\)/],
    ] as const) {
      const c = capture();
      expect(await main(['search', '--method', 'atomnas', ...argv], c.io)).toBe(2);
      expect(c.err.join('\n')).toMatch(pattern);
    }
  });

  it('help lists the settings with their ranges and the preset’s defaults; target MACs say millions', async () => {
    const c = capture();
    expect(await main(['search', '--method', 'atomnas', '--preset', 'default', '--help'], c.io)).toBe(0);
    const help = c.out.join('\n');
    expect(help).toMatch(/--rho .*a number in \[0\.000001, 1\] \(default 0\.02\)/);
    expect(help).toMatch(/--target-macs .*in millions: 0\.6 means 0\.6 M MACs.*\(default 2\)/);
    expect(help).toMatch(/--kernels .*\(default 3-5-7\)/);
  });
});

describe('search --method atomnas --penalty latency --profile', () => {
  it('exit codes: 2 without --profile, 1 with a file that is not a usable profile or one that cannot price the supernet', async () => {
    const noProfile = capture();
    expect(await main(['search', '--method', 'atomnas', '--penalty', 'latency'], noProfile.io)).toBe(2);
    expect(noProfile.err.join('\n')).toMatch(/atomnas with these settings needs --profile path\/to\/profile\.json/);
    const dir = await mkdtemp(join(tmpdir(), 'atomnas-cli-'));
    const missing = capture();
    expect(await main(['search', '--method', 'atomnas', '--profile', join(dir, 'nope.json')], missing.io)).toBe(1);
    expect(missing.err.join('\n')).toMatch(/--profile .*nope\.json: cannot read the file \(ENOENT/);
    const arch = join(dir, 'arch.json');
    await writeFile(arch, JSON.stringify({ version: 1, layers: [] }));
    const notProfile = capture();
    expect(await main(['search', '--method', 'atomnas', '--profile', arch], notProfile.io)).toBe(1);
    expect(notProfile.err.join('\n')).toMatch(/arch\.json is not a usable latency profile: format: not a latency profile.*looks like an ArchSpec/);
    const quick = join(dir, 'quick.json');
    await writeFile(quick, serializeProfile(linearBranchProfile({ slope, mode: 'reduced', name: 'quick' })));
    const c = capture();
    expect(await main(['search', '--method', 'atomnas', '--penalty', 'latency', '--profile', quick], c.io)).toBe(1);
    expect(c.err.join('\n')).toMatch(/Profile "quick" cannot price 7 branches .*k7.*measure a full profile, or search kernel sizes 3-5/);
  });

  it('runs a short search priced by the profile and labels the latency figures as predicted', async () => {
    // 8×8 synthetic images (60: 48 train / 6 val / 6 test) keep the CPU run to seconds; the profile is measured on
    // the same 8×8 tiny skeleton.
    const dir = await mkdtemp(join(tmpdir(), 'atomnas-cli-'));
    const data = join(dir, 'tiny8.bin');
    await writeFile(data, encodeBuiltin(syntheticData(60, 4, 8, 3).dataset));
    const file = join(dir, 'full.json');
    await writeFile(file, serializeProfile(linearBranchProfile({ slope, name: 'laptop', input: { height: 8, width: 8, channels: 1 }, numClasses: 4 })));
    const out = join(dir, 'r.json');
    const c = capture();
    const argv = ['search', '--method', 'atomnas', '--penalty', 'latency', '--profile', file, '--data', data, '--epochs', '1', '--batch', '16', '--train-limit', '0', '--out', out];
    expect(await main(argv, c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/supernet .* ms predicted \(profile laptop\); penalty latency/);
    expect(c.out.join('\n')).toMatch(/latency [\d.]+ ms, predicted \(profile laptop\)/);
    const r = JSON.parse(await readFile(out, 'utf8')) as ResultRecord & AtomNasRecordFields;
    expect(r.card.settings.penalty).toBe('latency');
    expect(r.latencyPricedBy).toBe('laptop');
    expect(r.latency).toMatchObject({ label: 'predicted (profile laptop)', profileName: 'laptop', profileId: 'linear-profile' });
    expect(r.supernetLatency).toMatchObject({ label: 'predicted (profile laptop)', profileName: 'laptop' });
    expect(r.latency!.ms).toBeGreaterThan(0);
    expect(r.latency!.ms).toBeLessThanOrEqual(r.supernetLatency!.ms);
  }, 120_000);
});

describe('search --method atomnas on the built-in MNIST', () => {
  it('--preset tiny --epochs 1 --train-limit 256 --out r.json writes the result record', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atomnas-cli-'));
    const out = join(dir, 'r.json');
    const c = capture();
    expect(await main(['search', '--method', 'atomnas', '--preset', 'tiny', '--epochs', '1', '--train-limit', '256', '--out', out], c.io)).toBe(0);
    const r = JSON.parse(await readFile(out, 'utf8')) as ResultRecord & AtomNasRecordFields;
    expect(resultRecordSchema.safeParse(r).success).toBe(true);
    expect(r).toMatchObject({ method: 'atomnas', label: 'AtomNAS (fine-grained, dynamic shrinkage)', latency: null });
    expect(r.archSpec.layers.length).toBeGreaterThan(0);
    expect(r.macs).toBeGreaterThan(0);
    expect(r.macs).toBeLessThanOrEqual(r.supernetMacs);
    expect(r.params).toBeGreaterThan(0);
    expect(r.valAccuracy).toBeGreaterThanOrEqual(0);
    expect(r.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(Array.isArray(r.events)).toBe(true);
    expect(r.steps).toBe(8); // 256 images / batch 32
    expect(r.history).toHaveLength(1);
    expect(r.card).toMatchObject({ seed: 1, backend: 'cpu', split: { train: 256, val: 1000, test: 1000 } });
    expect(r.card.settings).toMatchObject({ preset: 'tiny', epochs: 1, trainLimit: 256, kernels: [3, 5, 7] });
    expect(c.out.join('\n')).toMatch(/wrote .*r\.json/);
  }, 300_000);
});
