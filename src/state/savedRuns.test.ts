import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { testRun } from '../core/runs/testRun';
import { RunRepository } from './runRepo';
import { deleteSavedRuns, deletedText, renameSavedRun, setRunRepository, undoDelete, useSavedRuns } from './savedRuns';

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
