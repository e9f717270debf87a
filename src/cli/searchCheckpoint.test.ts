import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeBuiltin } from '../data/builtin';
import { syntheticData } from '../engine/testing';
import type { MethodRun } from '../methods/runTypes';
import { main } from './main';
import { SearchCheckpoints } from './searchCheckpoint';

let dir = '';
let data = '';
let other = '';
const base = (samples = 3) => ['search', '--method', 'random', '--preset', 'tiny', '--data', data, '--width', '0.25', '--samples', String(samples), '--steps', '4', '--final-epochs', '1', '--batch', '16', '--train-limit', '0', '--window-lo', '0', '--window-hi', '1'];

/** The record without what differs between any two runs (run id, date, wall time, command line, history timings). */
function learned(r: Record<string, unknown>): unknown {
  const { runId: _i, card, history, ...rest } = r;
  const { wallSeconds: _w, date: _d, command: _c, ...cardRest } = card as Record<string, unknown>;
  return { ...rest, card: cardRest, history: (history as Record<string, unknown>[]).map(({ seconds: _s, ...h }) => h) };
}

const io = (sink: string[], crashAt?: string) => ({
  log: (l: string) => {
    sink.push(l);
    if (crashAt && l.startsWith(crashAt)) throw new Error('simulated crash');
  },
  error: (l: string) => sink.push(l),
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nas-search-ckpt-'));
  data = join(dir, 'tiny8.bin');
  await writeFile(data, encodeBuiltin(syntheticData(160, 4, 8, 1).dataset));
  other = join(dir, 'other8.bin');
  await writeFile(other, encodeBuiltin(syntheticData(120, 4, 8, 1).dataset));
});

describe('search --checkpoint / --resume (issue 16 §1, §6)', () => {
  it('a search killed after a checkpoint and resumed writes the uninterrupted run\'s record', async () => {
    const whole = join(dir, 'whole.json');
    const log: string[] = [];
    expect(await main([...base(), '--out', whole], io(log))).toBe(0);

    // 3 candidates × 4 steps, then 8 retraining steps: checkpoints every 5 steps; the "crash" right after step 10's.
    const ckpt = join(dir, 'run.ckpt');
    const crashLog: string[] = [];
    expect(await main([...base(), '--checkpoint', ckpt, '--checkpoint-every', '5'], io(crashLog, 'checkpoint: step 10 '))).toBe(1);
    expect(crashLog.join('\n')).toMatch(/checkpoint: step 5 → /);

    const resumed = join(dir, 'resumed.json');
    const out: string[] = [];
    expect(await main([...base(), '--resume', ckpt, '--checkpoint', ckpt, '--out', resumed], io(out))).toBe(0);
    expect(out.join('\n')).toMatch(/resumed from .*run\.ckpt at step 10 of 20/);
    const a = JSON.parse(await readFile(whole, 'utf8')) as Record<string, unknown>;
    const b = JSON.parse(await readFile(resumed, 'utf8')) as Record<string, unknown>;
    expect(learned(b)).toEqual(learned(a));
  }, 120_000);

  it('refuses, before any training, a checkpoint of another method, other settings or other data, and a bad file', async () => {
    const ckpt = join(dir, 'r.ckpt');
    expect(await main([...base(1), '--checkpoint', ckpt, '--checkpoint-every', '2'], io([]))).toBe(0);
    const err: string[] = [];
    const run = async (argv: string[]) => {
      err.length = 0;
      return main(argv, io(err));
    };
    expect(await run([...base(1), '--resume', ckpt, '--lr', '0.5'])).toBe(2);
    expect(err.join('\n')).toMatch(/--resume .*r\.ckpt cannot continue this search: its settings differ: lr is 0\.1 there, 0\.5 here/);
    expect(err.join('\n')).not.toMatch(/candidate 1/);
    expect(await run(['search', '--method', 'egnas', '--data', data, '--resume', ckpt])).toBe(2);
    expect(err.join('\n')).toMatch(/it is a checkpoint of random, not of egnas/);
    const argvOther = base(1).map((a) => (a === data ? other : a));
    expect(await run([...argvOther, '--resume', ckpt])).toBe(2);
    expect(err.join('\n')).toMatch(/searched on .*\(160 images\); the data flags give .*\(120 images\)/);
    const bad = join(dir, 'bad.ckpt');
    await writeFile(bad, 'not a checkpoint');
    expect(await run([...base(), '--resume', bad])).toBe(2);
    expect(err.join('\n')).toMatch(/--resume .*bad\.ckpt is not a search checkpoint of this playground/);
    expect(await run([...base(), '--checkpoint', '/no/such/dir/x.ckpt'])).toBe(2);
    expect(err.join('\n')).toMatch(/--checkpoint \/no\/such\/dir\/x\.ckpt: cannot write there/);
  }, 120_000);

  it('a checkpoint that cannot be made or written is reported, and the search goes on', async () => {
    const ds = syntheticData(120, 4, 8, 1).dataset;
    const sub = join(dir, 'gone');
    await mkdir(sub, { recursive: true });
    const lines: string[] = [];
    let fail = false;
    const run = { restore: () => undefined, checkpoint: () => (fail ? Promise.reject(new Error('state not readable')) : Promise.resolve({ done: 1, state: { v: 1 } })) } as unknown as MethodRun<unknown>;
    const ck = await SearchCheckpoints.open('random', {}, { checkpoint: join(sub, 'a.ckpt'), 'checkpoint-every': 1 }, run, ds, io(lines), 0);
    await ck.afterStep(run, 1, 0);
    expect(lines.at(-1)).toMatch(/^checkpoint: step 1 → .*a\.ckpt$/);
    await rm(sub, { recursive: true });
    await expect(ck.afterStep(run, 2, 0)).resolves.toBeUndefined();
    expect(lines.at(-1)).toMatch(/^checkpoint: step 2 not saved to .*a\.ckpt \(ENOENT\); the search goes on \(.*a\.ckpt still holds step 1\)$/);
    fail = true;
    await expect(ck.afterStep(run, 3, 0)).resolves.toBeUndefined();
    expect(lines.at(-1)).toMatch(/^checkpoint: step 3 not saved .*\(state not readable\); the search goes on/);
  });

  it('refuses up front a method whose run has no checkpoint support', async () => {
    // Registered methods gain checkpoints one by one (cli/methodsResumable.test.ts): a run without checkpoint() stands in.
    const run = { start: () => undefined, step: () => undefined, dispose: () => undefined } as unknown as MethodRun<unknown>;
    const ds = syntheticData(120, 4, 8, 1).dataset;
    await expect(SearchCheckpoints.open('nothing', {}, { checkpoint: join(dir, 'a.ckpt') }, run, ds, io([]), 0)).rejects.toThrow(/^nothing cannot resume yet: its run has no checkpoint support/);
  });
});
