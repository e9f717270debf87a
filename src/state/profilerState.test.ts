import { describe, expect, it } from 'vitest';
import { serializeProfile } from '../core/latency/profileSchema';
import { syntheticProfile } from '../core/latency/testProfile';
import { deleteProfile, importProfileFile, setSearchTarget, undoDeleteProfile, useProfiler } from './profilerState';

const file = (id: string) => new File([serializeProfile({ ...syntheticProfile(id), name: `profile ${id}` })], `${id}.json`);
const ids = () => useProfiler.getState().profiles.map((p) => p.id).sort();

describe('deleting a profile (no IndexedDB here: the in-memory store)', () => {
  it('asks nothing, names it, says when it was the search target, and Undo puts it back as the target', async () => {
    await importProfileFile(file('a'));
    await importProfileFile(file('b'));
    await setSearchTarget('a');
    await deleteProfile('a');
    expect(ids()).toEqual(['b']);
    expect(useProfiler.getState().targetId).toBeNull();
    const m = useProfiler.getState().message;
    expect(m?.text).toBe(
      'Deleted the profile "profile a" from this browser. It was the search target: searches that need a profile will not start until you choose another (or Undo).',
    );
    expect(m?.undo?.id).toBe('a');
    await undoDeleteProfile();
    expect(ids()).toEqual(['a', 'b']);
    expect(useProfiler.getState()).toMatchObject({ targetId: 'a', selectedId: 'a', message: { kind: 'ok', text: 'The deleted profile is back.' } });
    expect(useProfiler.getState().message?.undo).toBeUndefined();
  });

  it('lets Undo lapse with the next message', async () => {
    await deleteProfile('b');
    expect(useProfiler.getState().message?.text).toBe('Deleted the profile "profile b" from this browser.');
    await importProfileFile(new File(['{"not": "a profile"}'], 'bad.json'));
    expect(useProfiler.getState().message?.undo).toBeUndefined();
    await undoDeleteProfile();
    expect(ids()).toEqual(['a']);
  });
});
