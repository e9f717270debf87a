import { describe, expect, it } from 'vitest';
import { isLoadCancelled, type LoadProgress } from '../data/loadProgress';
import { readFiles } from './readFiles';

const file = (name: string, n: number, seed: number): File => new File([Uint8Array.from({ length: n }, (_, i) => (i * seed) & 255)], name);

describe('readFiles', () => {
  it('reads every file whole, in order, reporting bytes over all files', async () => {
    const files = [file('a.bin', 10, 3), file('b.bin', 25, 7)];
    const seen: LoadProgress[] = [];
    const out = await readFiles(files, { onProgress: (p) => seen.push(p) }, 8);
    expect(out.map((p) => p.name)).toEqual(['a.bin', 'b.bin']);
    expect([...new Uint8Array(out[1].bytes)]).toEqual(Array.from({ length: 25 }, (_, i) => (i * 7) & 255));
    expect(new Uint8Array(out[0].bytes)).toHaveLength(10);
    expect(seen.map((p) => p.done)).toEqual([8, 10, 18, 26, 34, 35]);
    expect(seen.every((p) => p.stage === 'read' && p.total === 35 && p.file === 'a.bin, b.bin')).toBe(true);
  });

  it('stops between slices once cancelled', async () => {
    const ctl = new AbortController();
    let reports = 0;
    const run = readFiles([file('a.bin', 40, 1)], { signal: ctl.signal, onProgress: () => ++reports === 2 && ctl.abort() }, 8);
    await expect(run).rejects.toSatisfy(isLoadCancelled);
    expect(reports).toBe(2);
  });

  it('reads an empty file as empty', async () => {
    const out = await readFiles([file('empty', 0, 1)]);
    expect(out[0].bytes.byteLength).toBe(0);
  });
});
