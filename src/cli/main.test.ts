import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFlags } from './args';
import { main } from './main';
import { resultRecordSchema } from '../core/method/resultRecord';
import { TRAIN_FLAGS, trainSettingsFromFlags } from './train';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { log: (l: string) => out.push(l), error: (l: string) => err.push(l) }, out, err };
}

describe('cli main', () => {
  it('exits 2 with a message naming the problem', async () => {
    for (const [argv, pattern] of [
      [['fly'], /unknown command 'fly'; commands: train/],
      [['train', '--bogus', '1'], /unknown flag --bogus for 'train'/],
      [['train', '--epochs', '0'], /--epochs must be an integer in \[1, 200\], got '0'/],
      [['train', '--out', '/no/such/dir/r.json'], /--out \/no\/such\/dir\/r.json: cannot write there \(the folder does not exist\); nothing was run/],
      [['train', '--optimizer', 'lion'], /--optimizer must be one of sgd, rmsprop, adam/],
      [['train', '--width', '9'], /--width must be a number in \[0.25, 4\]/],
      [['train', '--arch', 'mystery'], /--arch must be 'baseline' or a path ending in .json/],
    ] as const) {
      const c = capture();
      expect(await main(argv, c.io)).toBe(2);
      expect(c.err.join('\n')).toMatch(pattern);
    }
    const none = capture();
    expect(await main([], none.io)).toBe(2);
    expect(none.out.join('\n')).toMatch(/usage: npm run cli -- <command>/);
  });

  it('maps flags to the default recipe', () => {
    const s = trainSettingsFromFlags(parseFlags([], TRAIN_FLAGS));
    expect(s.train).toEqual({
      epochs: 5,
      batchSize: 64,
      lr: 0.1,
      optimizer: 'sgd',
      momentum: 0.9,
      nesterov: true,
      schedule: 'cosine',
      warmupSteps: 100,
      weightDecay: 4e-5,
      labelSmoothing: 0.1,
      seed: 1,
    });
    expect(s.arch).toBe('baseline');
    expect(trainSettingsFromFlags(parseFlags(['--optimizer', 'adam'], TRAIN_FLAGS)).train.nesterov).toBe(false);
  });

  it('trains a tiny baseline end to end and writes the JSON result', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nas-cli-'));
    const out = join(dir, 'r.json');
    const c = capture();
    const argv = ['train', '--tiny', '--width', '0.5', '--train-limit', '192', '--batch', '32', '--epochs', '2', '--warmup', '2', '--out', out];
    expect(await main(argv, c.io)).toBe(0);
    expect(c.out.filter((l) => /^epoch \d\/2 {2}loss [\d.]+ {2}val [\d.]+% {2}\d+ img\/s {2}[\d.]+ s$/.test(l))).toHaveLength(2);
    const r = JSON.parse(await readFile(out, 'utf8')) as Record<string, unknown>;
    expect(r).toMatchObject({ version: 1, method: 'train', card: { seed: 1, backend: 'cpu', dataset: { n: 10000 }, split: { train: 192, val: 1000, test: 1000 } } });
    expect(resultRecordSchema.safeParse(r).success).toBe(true);
    expect((r.card as { settings: Record<string, unknown> }).settings).toMatchObject({ arch: 'baseline', trainLimit: 192, tiny: true, width: 0.5 });
    expect((r.card as { command: string }).command).toMatch(/^npm run cli -- train /);
    expect(r.history).toHaveLength(2);
    expect(r.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(r.testAccuracy).toBeLessThanOrEqual(1);
  });

  it('stops a diverging run with exit code 3 and advice, leaving an earlier --out file as it was', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nas-cli-'));
    const out = join(dir, 'r.json');
    await writeFile(out, '{"kept": true}\n');
    const c = capture();
    const argv = ['train', '--tiny', '--width', '1', '--train-limit', '320', '--batch', '32', '--epochs', '2', '--warmup', '0', '--optimizer', 'adam', '--lr', '1', '--schedule', 'constant', '--label-smoothing', '0', '--out', out];
    expect(await main(argv, c.io)).toBe(3);
    expect(c.err.join('\n')).toMatch(/Training diverged at step \d+: .*Lower the learning rate.*warm-up.*another optimizer[^]*exit code 3/);
    expect(await readFile(out, 'utf8')).toBe('{"kept": true}\n');
  });
});
