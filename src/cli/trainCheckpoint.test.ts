import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Trainer } from '../engine/trainer';
import { main } from './main';
import { TrainCheckpointWriter } from './trainCheckpoint';

const base = ['train', '--tiny', '--width', '0.5', '--train-limit', '128', '--batch', '32', '--epochs', '3', '--warmup', '2'];

/** History rows without their timings (img/s and seconds differ from run to run). */
function learning(r: Record<string, unknown>): unknown {
  return { history: (r.history as Record<string, unknown>[]).map(({ epoch, loss, valAccuracy }) => ({ epoch, loss, valAccuracy })), val: r.valAccuracy, test: r.testAccuracy };
}

describe('train --checkpoint / --resume (issue 16 §1, §6)', () => {
  it('a run killed after a checkpoint and resumed ends exactly as the uninterrupted run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nas-ckpt-'));
    const whole = join(dir, 'whole.json');
    const log: string[] = [];
    expect(await main([...base, '--out', whole], { log: (l) => log.push(l), error: (l) => log.push(l) })).toBe(0);

    // 4 steps per epoch: checkpoints every 3 steps and at epoch ends; the "crash" comes right after step 6's.
    const ckpt = join(dir, 'run.ckpt');
    const crash = (l: string) => {
      if (l.startsWith('checkpoint: step 6 ')) throw new Error('simulated crash');
    };
    expect(await main([...base, '--checkpoint', ckpt, '--checkpoint-every', '3'], { log: crash, error: () => {} })).toBe(1);

    const resumed = join(dir, 'resumed.json');
    const out: string[] = [];
    expect(await main(['train', '--resume', ckpt, '--train-limit', '999', '--out', resumed], { log: (l) => out.push(l), error: (l) => out.push(l) })).toBe(0);
    expect(out.join('\n')).toMatch(/resumed from .*run\.ckpt at step 6 of 12/);
    const a = JSON.parse(await readFile(whole, 'utf8')) as Record<string, unknown>;
    const b = JSON.parse(await readFile(resumed, 'utf8')) as Record<string, unknown>;
    expect(learning(b)).toEqual(learning(a));
    // Settings came from the checkpoint, not from the flags of the resuming command.
    expect((b.card as { settings: { trainLimit: number } }).settings.trainLimit).toBe(128);
  });

  it('a checkpoint that cannot be written is reported, and the training goes on', async () => {
    const sub = join(await mkdtemp(join(tmpdir(), 'nas-tck-')), 'gone');
    await mkdir(sub);
    const lines: string[] = [];
    const w = new TrainCheckpointWriter(join(sub, 'a.ckpt'), 1, { log: (l) => lines.push(l), error: (l) => lines.push(l) });
    let step = 1;
    const trainer = { get stepIndex() { return step; }, checkpoint: () => Promise.resolve({ version: 0 }) } as unknown as Trainer;
    const meta = {} as Parameters<TrainCheckpointWriter['write']>[1];
    await w.write(trainer, meta);
    expect(lines.at(-1)).toMatch(/^checkpoint: step 1 → .*a\.ckpt$/);
    await rm(sub, { recursive: true });
    step = 2;
    await expect(w.write(trainer, meta)).resolves.toBeUndefined();
    expect(lines.at(-1)).toMatch(/^checkpoint: step 2 not saved to .*a\.ckpt \(ENOENT\); the training goes on \(.*a\.ckpt still holds step 1\)$/);
    expect(w.due(2)).toBe(false); // not retried at once: the next due step tries again
  });

  it('refuses a file that is not a checkpoint, or other data, before any training', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'nas-ckpt-'));
    const bad = join(dir, 'bad.ckpt');
    await writeFile(bad, '{"not": "a checkpoint"}');
    const err: string[] = [];
    expect(await main(['train', '--resume', bad], { log: () => {}, error: (l) => err.push(l) })).toBe(2);
    expect(err.join('\n')).toMatch(/--resume .*bad\.ckpt is not a training checkpoint of this playground/);
    err.length = 0;
    expect(await main(['train', '--resume', join(dir, 'missing.ckpt')], { log: () => {}, error: (l) => err.push(l) })).toBe(2);
    expect(err.join('\n')).toMatch(/missing\.ckpt: cannot read the file \(ENOENT\)/);
    err.length = 0;
    expect(await main([...base, '--checkpoint', '/no/such/dir/x.ckpt'], { log: () => {}, error: (l) => err.push(l) })).toBe(2);
    expect(err.join('\n')).toMatch(/--checkpoint \/no\/such\/dir\/x.ckpt: cannot write there/);
  });
});
