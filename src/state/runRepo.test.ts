import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { testRun } from '../core/runs/testRun';
import { QuotaError, RunRepository } from './runRepo';

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
    // The list reads no weights; get() does.
    expect([r.model, r.hasModel]).toEqual([null, true]);
    expect(Array.from(new Float32Array((await again.get('a'))!.model!.weights))).toEqual([1, 2, 3]);
  });

  it('moves the weights and checkpoint bytes of a version-2 database out of its entries, losing nothing', async () => {
    const name = `runs-test-${++n}`;
    // The layout of version 2: weights inside the run entries, checkpoint bytes beside their step counts.
    const old = await openDB(name, 2, {
      upgrade(db) {
        db.createObjectStore('runs', { keyPath: 'id' }).createIndex('savedAt', 'savedAt');
        db.createObjectStore('checkpoints', { keyPath: 'id' });
      },
    });
    await old.put('runs', testRun('a'));
    await old.put('runs', { ...testRun('r'), status: 'running', record: null, model: null });
    await old.put('checkpoints', { id: 'r', step: 7, totalSteps: 20, savedAt: 'then', bytes: new Uint8Array([9, 8]) });
    old.close();
    const repo = new RunRepository(name);
    const runs = await repo.list();
    expect(runs.map((r) => [r.id, r.status, r.model, r.hasModel])).toEqual([['a', 'finished', null, true], ['r', 'interrupted', null, false]]);
    expect(Array.from(new Float32Array((await repo.get('a'))!.model!.weights))).toEqual([1, 2, 3]);
    expect((await repo.get('a'))!.record?.testAccuracy).toBe(0.9);
    expect([...(await repo.checkpointInfos()).values()]).toEqual([{ id: 'r', step: 7, totalSteps: 20, savedAt: 'then' }]);
    expect(Array.from((await repo.checkpoint('r'))!.bytes)).toEqual([9, 8]);
    // A bundle still carries the weights.
    const bundle = JSON.parse(await repo.exportBundle('D', ['a'])) as { runs: { model: { weights: string } | null; hasModel?: boolean }[] };
    expect(bundle.runs[0].model?.weights.length).toBeGreaterThan(0);
    expect(bundle.runs[0].hasModel).toBeUndefined();
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
    expect(await b.importBundle(text)).toEqual({ ids: ['a-import'], skipped: 0, kind: 'bundle' });
    const runs = await b.list();
    expect(runs.find((r) => r.id === 'a-import')?.importedFrom).toBe('Device A');
    expect(Array.from(new Float32Array((await b.get('a-import'))!.model!.weights))).toEqual([1, 2, 3]);
    expect(runs.find((r) => r.id === 'a')?.importedFrom).toBeUndefined();
    await expect(b.importBundle('nope')).rejects.toThrow(/Not a JSON file/);
    expect(await b.list()).toHaveLength(2);
  });

  it('with skipStored leaves out the runs already stored instead of adding copies', async () => {
    const a = fresh();
    await a.save(testRun('a'));
    await a.save(testRun('b', 'train'));
    const text = await a.exportBundle('Device A');
    const b = fresh();
    await b.save({ ...testRun('a'), name: 'renamed here' });
    expect(await b.importBundle(text, { skipStored: true })).toEqual({ ids: ['b'], skipped: 1, kind: 'bundle' });
    expect(await b.importBundle(text, { skipStored: true })).toEqual({ ids: [], skipped: 2, kind: 'bundle' });
    const runs = await b.list();
    expect(runs.map((r) => r.id).sort()).toEqual(['a', 'b']);
    expect(runs.find((r) => r.id === 'a')?.name).toBe('renamed here');
  });

  it("imports the CLI's result record as a finished run without weights, beside a stored run of the same id", async () => {
    const repo = fresh();
    await repo.save(testRun('cli-x'));
    const record = { ...testRun('cli-x').record!, card: { ...testRun('cli-x').record!.card, command: 'npm run cli -- search --method random' } };
    expect(await repo.importBundle(JSON.stringify(record))).toEqual({ ids: ['cli-x-import'], skipped: 0, kind: 'record' });
    const got = (await repo.list()).find((r) => r.id === 'cli-x-import');
    expect(got).toMatchObject({ status: 'finished', method: 'random', model: null, hasModel: false, importedFrom: 'CLI, tfjs cpu' });
    expect((await repo.get('cli-x-import'))?.model).toBeNull();
    expect(got?.record?.testAccuracy).toBe(0.9);
  });

  it('keeps the latest checkpoint of a run across a reload; a failed run with one stays resumable, a cancelled one is forgotten', async () => {
    const repo = fresh();
    await repo.started({ id: 'a', method: 'train', name: 'Train', settings: {} });
    await repo.saveCheckpoint({ id: 'a', step: 5, totalSteps: 20, bytes: new Uint8Array([1]) });
    await repo.saveCheckpoint({ id: 'a', step: 10, totalSteps: 20, bytes: new Uint8Array([1, 2]) });
    const reloaded = new RunRepository(`runs-test-${n}`);
    expect([...(await reloaded.checkpointInfos()).values()].map((c) => [c.id, c.step, c.totalSteps])).toEqual([['a', 10, 20]]);
    expect(Array.from((await reloaded.checkpoint('a'))!.bytes)).toEqual([1, 2]);
    // A lost GPU or a crashed worker: the run and its checkpoint stay, listed as interrupted.
    await reloaded.ended('a', true);
    expect((await reloaded.list()).map((r) => [r.id, r.status])).toEqual([['a', 'interrupted']]);
    // Reset (cancelled): both go.
    await reloaded.ended('a');
    expect(await reloaded.list()).toEqual([]);
    expect(await reloaded.checkpoint('a')).toBeUndefined();
  });

  it('drops the checkpoint when the run finishes or is deleted', async () => {
    const repo = fresh();
    await repo.started({ id: 'a', method: 'train', name: 'Train', settings: {} });
    await repo.saveCheckpoint({ id: 'a', step: 5, totalSteps: 20, bytes: new Uint8Array([1]) });
    await repo.save(testRun('a'));
    expect((await repo.checkpointInfos()).size).toBe(0);
    await repo.saveCheckpoint({ id: 'b', step: 5, totalSteps: 20, bytes: new Uint8Array([1]) });
    await repo.remove('b');
    expect((await repo.checkpointInfos()).size).toBe(0);
    await repo.remove('a');
    expect(await repo.get('a')).toBeUndefined();
  });

  it('puts a deleted run back as it was (Undo): entry, weights, measurements, checkpoint, and whether it runs here', async () => {
    const repo = fresh();
    await repo.save(testRun('a'));
    await repo.rename('a', 'kept name');
    await repo.addMeasurement('a', { batch: 1, medianMs: 2, madMs: 0.1, samples: 21, device: 'd', backend: 'webgpu', date: 'now' });
    await repo.started({ id: 'r', method: 'train', name: 'Train', settings: {} });
    await repo.saveCheckpoint({ id: 'r', step: 5, totalSteps: 20, bytes: new Uint8Array([7, 8]) }, 'then');
    const before = await repo.list();
    const gone = [await repo.remove('a'), await repo.remove('r')];
    expect(await repo.list()).toEqual([]);
    expect(await repo.remove('nothing')).toBeUndefined();
    for (const g of gone) await repo.restore(g!);
    expect(await repo.list()).toEqual(before);
    expect(Array.from(new Float32Array((await repo.get('a'))!.model!.weights))).toEqual([1, 2, 3]);
    expect([...(await repo.checkpoint('r'))!.bytes]).toEqual([7, 8]);
    expect((await repo.checkpointInfos()).get('r')).toEqual({ id: 'r', step: 5, totalSteps: 20, savedAt: 'then' });
    // A run deleted while it was running here is running again, not listed as interrupted.
    expect((await repo.list()).find((r) => r.id === 'r')?.status).toBe('running');
  });

  it('turns a full quota into a plain-words QuotaError', () => {
    expect(new QuotaError('the checkpoint at step 5').message).toMatch(/storage for this site is full, so the checkpoint at step 5 could not be saved/);
  });
});
