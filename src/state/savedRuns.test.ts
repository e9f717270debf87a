import 'fake-indexeddb/auto';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { serializeBundle } from '../core/runs/bundle';
import { testRun } from '../core/runs/testRun';
import { REFERENCE_RUNS_PATH } from './referenceRuns';
import { RunRepository } from './runRepo';
import { addReferenceRuns, deleteSavedRuns, deletedText, importSavedRunFiles, referenceRunsText, renameSavedRun, setRunRepository, undoDelete, useSavedRuns } from './savedRuns';

let n = 0;
async function withRuns(...ids: string[]): Promise<RunRepository> {
  const repo = new RunRepository(`saved-runs-test-${++n}`);
  for (const id of ids) await repo.save({ ...testRun(id), name: `run ${id}` });
  setRunRepository(repo);
  useSavedRuns.setState({ runs: [], message: null });
  return repo;
}
const listed = () => useSavedRuns.getState().runs.map((r) => r.id).sort();

describe('deletedText', () => {
  it('names the runs (three at most) and says how long Undo lasts', () => {
    expect(deletedText(['my run'])).toBe(
      'Deleted the saved run "my run" and its weights from this browser. Undo puts it back until your next action here or until this page is left.',
    );
    expect(deletedText(['a', 'b'])).toMatch(/^Deleted 2 saved runs \("a", "b"\) and their weights from this browser\. Undo puts them back/);
    expect(deletedText(['a', 'b', 'c', 'd', 'e'])).toMatch(/^Deleted 5 saved runs \("a", "b", "c" and 2 more\) and their weights/);
  });
});

describe('deleteSavedRuns and undoDelete', () => {
  afterEach(() => setRunRepository(null));

  it('deletes without asking, says what went, and Undo puts every run back with its weights', async () => {
    const repo = await withRuns('a', 'b', 'c');
    await deleteSavedRuns(['a', 'c']);
    expect(listed()).toEqual(['b']);
    expect(useSavedRuns.getState().message).toMatchObject({ kind: 'ok', text: deletedText(['run a', 'run c']) });
    expect(useSavedRuns.getState().message?.undo).toHaveLength(2);
    await undoDelete();
    expect(listed()).toEqual(['a', 'b', 'c']);
    expect(useSavedRuns.getState().message).toEqual({ kind: 'ok', text: 'Put back 2 runs.' });
    expect(Array.from(new Float32Array((await repo.get('c'))!.model!.weights))).toEqual([1, 2, 3]);
  });

  it('lets Undo lapse with the next message, so that it never puts back a run over newer changes', async () => {
    await withRuns('a', 'b');
    await deleteSavedRuns(['a']);
    await renameSavedRun('b', 'renamed');
    expect(useSavedRuns.getState().message?.undo).toBeUndefined();
    await undoDelete();
    expect(listed()).toEqual(['b']);
  });

  it('keeps the runs it could not put back for another Undo, and says why', async () => {
    const repo = await withRuns('a', 'b');
    await deleteSavedRuns(['a', 'b']);
    const restore = repo.restore.bind(repo);
    let fail = true;
    repo.restore = async (r) => {
      if (r.run.id === 'b' && fail) throw new Error('disk gone');
      return restore(r);
    };
    await undoDelete();
    expect(listed()).toEqual(['a']);
    expect(useSavedRuns.getState().message).toMatchObject({ kind: 'error', text: 'Undo failed: disk gone' });
    expect(useSavedRuns.getState().message?.undo?.map((g) => g.run.id)).toEqual(['b']);
    fail = false;
    await undoDelete();
    expect(listed()).toEqual(['a', 'b']);
  });

  it('keeps the runs a failed delete took before it failed, for Undo', async () => {
    const repo = await withRuns('a', 'b');
    const remove = repo.remove.bind(repo);
    repo.remove = async (id) => {
      if (id === 'b') throw new Error('blocked');
      return remove(id);
    };
    await deleteSavedRuns(['a', 'b']);
    expect(listed()).toEqual(['b']);
    expect(useSavedRuns.getState().message).toMatchObject({ kind: 'error', text: 'Delete failed: blocked' });
    await undoDelete();
    expect(listed()).toEqual(['a', 'b']);
  });

  it('says nothing was deleted when the runs were already gone', async () => {
    await withRuns('a');
    await deleteSavedRuns(['zzz']);
    expect(useSavedRuns.getState().message).toBeNull();
    expect(listed()).toEqual(['a']);
  });
});

describe('addReferenceRuns', () => {
  afterEach(() => setRunRepository(null));
  const BASE = 'http://localhost/app/';
  /** A fetcher that serves `body` at the reference path (and records what was asked). */
  function serving(body: Uint8Array<ArrayBuffer> | string | null, status = 200) {
    const asked: string[] = [];
    const fetcher = ((url: string) => {
      asked.push(url);
      return Promise.resolve(body === null ? new Response('missing', { status: 404, statusText: 'Not Found' }) : new Response(body, { status }));
    }) as unknown as typeof fetch;
    return { fetcher, asked };
  }
  const bundle = () => serializeBundle([{ ...testRun('ref-1'), model: null }, { ...testRun('ref-2', 'train'), model: null }], 'reference runs');

  it('adds the shipped runs (gzipped or already decoded) once: a second press adds nothing', async () => {
    await withRuns('a');
    const { fetcher, asked } = serving(new Uint8Array(gzipSync(bundle())));
    await addReferenceRuns(BASE, fetcher);
    expect(asked).toEqual([`${BASE}${REFERENCE_RUNS_PATH}`]);
    expect(listed()).toEqual(['a', 'ref-1', 'ref-2']);
    expect(useSavedRuns.getState().message).toEqual({ kind: 'ok', text: referenceRunsText(2, 0) });
    expect(useSavedRuns.getState().runs.find((r) => r.id === 'ref-1')?.importedFrom).toBe('reference runs');
    await addReferenceRuns(BASE, serving(bundle()).fetcher);
    expect(listed()).toEqual(['a', 'ref-1', 'ref-2']);
    expect(useSavedRuns.getState().message).toEqual({ kind: 'ok', text: 'All 2 reference runs are already in the list.' });
  });

  it('puts back only the deleted ones, and says how many were there already', async () => {
    await withRuns();
    await addReferenceRuns(BASE, serving(bundle()).fetcher);
    await deleteSavedRuns(['ref-2']);
    await addReferenceRuns(BASE, serving(bundle()).fetcher);
    expect(listed()).toEqual(['ref-1', 'ref-2']);
    expect(useSavedRuns.getState().message?.text).toMatch(/^Added 1 reference run \(1 already in the list\): /);
  });

  it('names what went wrong and keeps the list: missing file, server error, broken gzip, not a bundle, no network', async () => {
    await withRuns('a');
    const cases: [ReturnType<typeof serving>['fetcher'], RegExp][] = [
      [serving(null).fetcher, /^Could not add the reference runs: no reference runs ship with this build \(reference-runs\.json\.gz is missing\)$/],
      [serving('oops', 500).fetcher, /reference-runs\.json\.gz answered 500/],
      [serving(new Uint8Array([0x1f, 0x8b, 1, 2, 3])).fetcher, /reference-runs\.json\.gz/],
      [serving('{"hello": 1}').fetcher, /Neither a saved-runs bundle/],
      [() => Promise.reject(new TypeError('Failed to fetch')), /could not be downloaded \(Failed to fetch\)/],
    ];
    for (const [fetcher, text] of cases) {
      await addReferenceRuns(BASE, fetcher);
      const m = useSavedRuns.getState().message;
      expect(m?.kind).toBe('error');
      expect(m?.text).toMatch(text);
      expect(listed()).toEqual(['a']);
    }
  });
});

describe('importSavedRunFiles', () => {
  afterEach(() => setRunRepository(null));
  const recordText = (id: string) => JSON.stringify(testRun(id).record);

  it('imports every file on its own and says what came from where', async () => {
    await withRuns('a');
    const bundle = serializeBundle([testRun('b'), testRun('c', 'train')], 'Device B');
    await importSavedRunFiles([
      { name: 'b.json', text: bundle },
      { name: 'r1.json', text: recordText('r1') },
      { name: 'r2.json', text: recordText('r2') },
    ]);
    expect(listed()).toEqual(['a', 'b', 'c', 'r1', 'r2']);
    expect(useSavedRuns.getState().message).toEqual({ kind: 'ok', text: 'Imported 4 runs from 3 files (2 result records, without trained weights).' });
  });

  it('names each refused file with its reason and keeps the others', async () => {
    await withRuns('a');
    await importSavedRunFiles([
      { name: 'r1.json', text: recordText('r1') },
      { name: 'bad.json', text: 'nope' },
      { name: 'worse.json', text: '{"format": "other"}' },
    ]);
    expect(listed()).toEqual(['a', 'r1']);
    const m = useSavedRuns.getState().message;
    expect(m?.kind).toBe('error');
    expect(m?.text).toMatch(/^Imported 1 run from 1 file \(1 result record, without trained weights\); could not import bad\.json \(Not a JSON file: .*\); worse\.json \(Neither a saved-runs bundle .*\)\.$/);
    await importSavedRunFiles([
      { name: 'bad.json', text: 'nope' },
      { name: 'bad2.json', text: '[]' },
    ]);
    expect(useSavedRuns.getState().message?.text).toMatch(/^Could not import bad\.json \(Not a JSON file: .*\); bad2\.json \(/);
    expect(listed()).toEqual(['a', 'r1']);
  });

  it('with one file says what Import runs always said', async () => {
    await withRuns();
    await importSavedRunFiles([{ name: 'r.json', text: recordText('r') }]);
    expect(useSavedRuns.getState().message?.text).toMatch(/^Imported the result record r\.json as a run without trained weights/);
  });
});
