import { describe, expect, it } from 'vitest';
import { serializeProfile } from '../core/latency/profileSchema';
import { syntheticProfile } from '../core/latency/testProfile';
import { memoryBackend, ProfileStore, summarize } from './profileStore';

describe('ProfileStore', () => {
  it('keeps several profiles, newest first, and one search target', async () => {
    const s = new ProfileStore(memoryBackend());
    await s.save({ ...syntheticProfile('a'), createdAt: '2025-01-01T00:00:00Z' });
    await s.save({ ...syntheticProfile('b'), createdAt: '2025-02-01T00:00:00Z' });
    expect((await s.list()).profiles.map((p) => p.id)).toEqual(['b', 'a']);
    await s.setTarget('a');
    expect(await s.targetId()).toBe('a');
    await s.remove('a');
    expect(await s.targetId()).toBeNull();
    expect((await s.list()).profiles.map((p) => p.id)).toEqual(['b']);
  });
  it('puts a deleted profile back as it was stored, as the search target again only when none was chosen since', async () => {
    const s = new ProfileStore(memoryBackend());
    await s.save({ ...syntheticProfile('a'), createdAt: '2025-01-01T00:00:00Z' });
    await s.save({ ...syntheticProfile('b'), createdAt: '2025-02-01T00:00:00Z' });
    await s.setTarget('a');
    const before = (await s.list()).profiles;
    const gone = await s.remove('a');
    expect(gone?.wasTarget).toBe(true);
    expect(await s.remove('nothing')).toBeUndefined();
    await s.restore(gone!);
    expect((await s.list()).profiles).toEqual(before);
    expect(await s.targetId()).toBe('a');
    // Another target chosen after the delete stays the target.
    const again = await s.remove('a');
    await s.setTarget('b');
    await s.restore(again!);
    expect(await s.targetId()).toBe('b');
    expect((await s.list()).profiles.map((p) => p.id)).toEqual(['b', 'a']);
  });
  it('export then import round-trips', async () => {
    const s = new ProfileStore(memoryBackend());
    const p = syntheticProfile('x');
    const text = s.exportText(p);
    const t = new ProfileStore(memoryBackend());
    expect((await t.importText(text)).copyOf).toBeNull();
    const [back] = (await t.list()).profiles;
    expect(serializeProfile(back)).toBe(serializeProfile(p));
  });
  it('importing a profile whose id is stored adds a copy with a new id; the stored one is kept as it was', async () => {
    const s = new ProfileStore(memoryBackend());
    const stored = { ...syntheticProfile('p1'), name: 'my laptop' };
    await s.save(stored);
    const other = { ...syntheticProfile('p1'), name: 'a friend\'s phone', createdAt: '2030-01-01T00:00:00Z' };
    const first = await s.importText(serializeProfile(other));
    expect(first.copyOf).toBe('p1');
    expect(first.profile.id).toBe('p1-copy');
    expect(first.profile.name).toBe('a friend\'s phone');
    const second = await s.importText(serializeProfile(other));
    expect(second.profile.id).toBe('p1-copy-2');
    const { profiles } = await s.list();
    expect(profiles.map((p) => p.id).sort()).toEqual(['p1', 'p1-copy', 'p1-copy-2']);
    expect(serializeProfile(profiles.find((p) => p.id === 'p1') as typeof stored)).toBe(serializeProfile(stored));
  });
  it('a corrupted or foreign file throws and leaves stored profiles untouched', async () => {
    const s = new ProfileStore(memoryBackend());
    await s.save(syntheticProfile('keep'));
    await expect(s.importText('{"format":"nas-playground-latency-profile","version":1,"id":"bad"}')).rejects.toThrow(/createdAt|name/);
    await expect(s.importText('not json')).rejects.toThrow(/not valid JSON/);
    await expect(s.importText(JSON.stringify({ version: 1, name: 'net', layers: [] }))).rejects.toThrow(/not a latency profile/);
    expect((await s.list()).profiles.map((p) => p.id)).toEqual(['keep']);
  });
  it('a damaged record is reported and skipped', async () => {
    const be = memoryBackend();
    await be.put('broken', { format: 'nas-playground-latency-profile', version: 1, id: 'broken' });
    const s = new ProfileStore(be);
    await s.save(syntheticProfile('ok'));
    const { profiles, damaged } = await s.list();
    expect(profiles.map((p) => p.id)).toEqual(['ok']);
    expect(damaged[0]).toMatch(/^broken: /);
  });
  it('summaries name the adapter and the held-out ±10 % share', () => {
    expect(summarize(syntheticProfile())).toMatchObject({ adapter: 'google swiftshader', isFallbackAdapter: true, heldOutWithin10: 1, networks: 1 });
  });
});
