import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atomnasPreset } from '../core/atomnasSettings';
import { serializeProfile } from '../core/latency/profileSchema';
import { encodeBuiltin } from '../data/builtin';
import { syntheticData } from '../engine/testing';
import { linearBranchProfile } from '../core/latency/testProfile';
import { parseFlags, UsageError } from './args';
import { main } from './main';
import { atomnasSettingsFromFlags, loadSearchProfile, SEARCH_FLAGS } from './searchLegacy';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { log: (l: string) => out.push(l), error: (l: string) => err.push(l) }, out, err };
}

const slope = (op: { k: number; h: number }): number => 1e-4 * op.k * op.k * op.h;

describe('search flags', () => {
  it('start from the preset and apply only the overrides given', () => {
    const f = parseFlags(['--method', 'atomnas', '--preset', 'default', '--seed', '3'], SEARCH_FLAGS, 'search');
    expect(atomnasSettingsFromFlags(f)).toEqual({ ...atomnasPreset('default'), seed: 3 });
  });

  it('overrides: target mode, kernels, proximal off, train limit', () => {
    const f = parseFlags(['--target-macs', '450000', '--kernels', '3-5', '--proximal', 'false', '--train-limit', '0', '--rho', '0.01'], SEARCH_FLAGS, 'search');
    const s = atomnasSettingsFromFlags(f);
    expect(s).toMatchObject({ preset: 'tiny', targetMode: true, targetMacs: 450000, kernels: [3, 5], proximal: false, trainLimit: 0, rho: 0.01 });
  });

  it('refuses unknown methods and penalties on the command line', () => {
    expect(() => parseFlags(['--penalty', 'flops'], SEARCH_FLAGS, 'search')).toThrow(UsageError);
    expect(() => parseFlags(['--method', 'darts'], SEARCH_FLAGS, 'search')).toThrow(UsageError);
    expect(atomnasSettingsFromFlags(parseFlags(['--penalty', 'latency', '--profile', 'p.json'], SEARCH_FLAGS, 'search')).penalty).toBe('latency');
  });
});

describe('search --penalty latency --profile', () => {
  it('loads and validates the profile file; missing or bad files give clear errors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nas-profile-'));
    const good = join(dir, 'good.json');
    await writeFile(good, serializeProfile(linearBranchProfile({ slope, name: 'laptop' })));
    const flags = (...a: string[]) => parseFlags(a, SEARCH_FLAGS, 'search');
    expect((await loadSearchProfile(flags('--penalty', 'latency', '--profile', good)))?.name).toBe('laptop');
    expect(await loadSearchProfile(flags())).toBeNull();
    await expect(loadSearchProfile(flags('--penalty', 'latency'))).rejects.toThrow(UsageError);
    await expect(loadSearchProfile(flags('--profile', join(dir, 'nope.json')))).rejects.toThrow(/--profile .*nope\.json: cannot read the file \(ENOENT/);
    const arch = join(dir, 'arch.json');
    await writeFile(arch, JSON.stringify({ version: 1, layers: [] }));
    await expect(loadSearchProfile(flags('--profile', arch))).rejects.toThrow(/arch\.json is not a usable latency profile: format: not a latency profile.*looks like an ArchSpec/);
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"format": "nas-playground-latency-profile",');
    await expect(loadSearchProfile(flags('--profile', broken))).rejects.toThrow(/broken\.json is not a usable latency profile: not a latency profile: the file is not valid JSON/);
    const badField = join(dir, 'bad-field.json');
    const p = JSON.parse(serializeProfile(linearBranchProfile({ slope }))) as { perChannel: Record<string, { slopeMs: unknown }> };
    Object.values(p.perChannel)[0].slopeMs = 'fast';
    await writeFile(badField, JSON.stringify(p));
    await expect(loadSearchProfile(flags('--profile', badField))).rejects.toThrow(/bad-field\.json is not a usable latency profile: perChannel\[.*\]\.slopeMs/);
  });

  it('exit codes: 2 without --profile, 1 with a profile that cannot price the supernet (naming what is missing)', async () => {
    const noProfile = capture();
    expect(await main(['search', '--penalty', 'latency'], noProfile.io)).toBe(2);
    expect(noProfile.err.join('\n')).toMatch(/--penalty latency needs --profile path\/to\/profile\.json/);
    const dir = await mkdtemp(join(tmpdir(), 'nas-profile-'));
    const quick = join(dir, 'quick.json');
    await writeFile(quick, serializeProfile(linearBranchProfile({ slope, mode: 'reduced', name: 'quick' })));
    const c = capture();
    expect(await main(['search', '--penalty', 'latency', '--profile', quick], c.io)).toBe(1);
    expect(c.err.join('\n')).toMatch(/Profile "quick" cannot price 7 branches .*k7.*measure a full profile, or search kernel sizes 3-5/);
  });

  it('runs a short search priced by the profile and labels the latency figures as predicted', async () => {
    // 8×8 synthetic images (60: 48 train / 6 val / 6 test) keep the CPU run to seconds; the profile is measured on
    // the same 8×8 tiny skeleton.
    const dir = await mkdtemp(join(tmpdir(), 'nas-profile-'));
    const data = join(dir, 'tiny8.bin');
    await writeFile(data, encodeBuiltin(syntheticData(60, 4, 8, 3).dataset));
    const file = join(dir, 'full.json');
    const profile = linearBranchProfile({ slope, name: 'laptop', input: { height: 8, width: 8, channels: 1 }, numClasses: 4 });
    await writeFile(file, serializeProfile(profile));
    const out = join(dir, 'r.json');
    const c = capture();
    const argv = ['search', '--penalty', 'latency', '--profile', file, '--data', data, '--epochs', '1', '--batch', '16', '--out', out];
    expect(await main(argv, c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/penalty latency\): supernet .* ms predicted \(profile laptop\)/);
    expect(c.out.join('\n')).toMatch(/latency [\d.]+ ms → [\d.]+ ms, predicted \(profile laptop\)/);
    const r = JSON.parse(await readFile(out, 'utf8')) as { settings: { penalty: string }; latency: Record<string, unknown> };
    expect(r.settings.penalty).toBe('latency');
    expect(r.latency).toMatchObject({ label: 'predicted (profile laptop)', profileName: 'laptop', profileId: 'linear-profile' });
    expect(r.latency.supernetMs).toBeGreaterThan(0);
    expect(r.latency.foundMs).toBeGreaterThan(0);
    expect(r.latency.foundMs as number).toBeLessThanOrEqual(r.latency.supernetMs as number);
  });
});
