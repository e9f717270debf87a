import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { testRun } from '../core/runs/testRun';
import { RunRepository } from './runRepo';

let n = 0;
const fresh = () => new RunRepository(`runs-test-${++n}`);

describe('RunRepository (fake IndexedDB)', () => {
  it('keeps finished runs with their weights across a new connection (a reload)', async () => {
    const repo = fresh();
    await repo.save(testRun('a'));
    await repo.close();
    const again = new RunRepository(`runs-test-${n}`);
    const [r] = await again.list();
    expect(r.id).toBe('a');
    expect(r.status).toBe('finished');
    expect(Array.from(new Float32Array(r.model!.weights))).toEqual([1, 2, 3]);
  });

  it('lists a run started by an earlier page and never finished as interrupted, with its settings', async () => {
    const repo = fresh();
    await repo.started({ id: 'x', method: 'random', name: 'Random search', settings: { rn: 2 }, url: '#v=2&screen=random' });
    expect((await repo.list())[0].status).toBe('running');
    const reloaded = new RunRepository(`runs-test-${n}`);
    const [r] = await reloaded.list();
    expect(r.status).toBe('interrupted');
    expect(r.settings).toEqual({ rn: 2 });
    expect(r.url).toBe('#v=2&screen=random');
  });

  it('replaces the running entry when the run finishes; a cancelled run is forgotten', async () => {
    const repo = fresh();
    await repo.started({ id: 'a', method: 'random', name: 'r', settings: {} });
    await repo.save(testRun('a'));
    await repo.started({ id: 'c', method: 'random', name: 'r', settings: {} });
    await repo.ended('c');
    expect((await repo.list()).map((r) => [r.id, r.status])).toEqual([['a', 'finished']]);
  });

  it('renames, deletes and records measurements', async () => {
    const repo = fresh();
    await repo.save(testRun('a'));
    await repo.save(testRun('b'));
    await repo.rename('a', '  my run ');
    await repo.remove('b');
    await repo.addMeasurement('a', { batch: 1, medianMs: 2, madMs: 0.1, samples: 21, device: 'd', backend: 'webgpu', date: 'now' });
    await repo.addMeasurement('a', { batch: 1, medianMs: 3, madMs: 0.1, samples: 21, device: 'd', backend: 'webgpu', date: 'later' });
    const runs = await repo.list();
    expect(runs.map((r) => r.name)).toEqual(['my run']);
    expect(runs[0].measured.map((m) => m.medianMs)).toEqual([3]);
  });

  it('exports a bundle and imports it elsewhere, never replacing a stored run', async () => {
    const a = fresh();
    await a.save(testRun('a'));
    await a.save(testRun('b', 'train'));
    const text = await a.exportBundle('Device A', ['a']);
    const b = fresh();
    await b.save(testRun('a'));
    expect(await b.importBundle(text)).toEqual(['a-import']);
    const runs = await b.list();
    expect(runs.find((r) => r.id === 'a-import')?.importedFrom).toBe('Device A');
    expect(runs.find((r) => r.id === 'a')?.importedFrom).toBeUndefined();
    await expect(b.importBundle('nope')).rejects.toThrow(/Not a JSON file/);
    expect(await b.list()).toHaveLength(2);
  });
});
