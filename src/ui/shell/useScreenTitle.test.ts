import { describe, expect, it } from 'vitest';
import { SCREENS } from '../screens';
import { screenTitle } from './useScreenTitle';

describe('screenTitle', () => {
  it('names each screen first, then the app, and every screen gets its own title', () => {
    expect(screenTitle('AtomNAS')).toBe('AtomNAS · NAS Playground');
    expect(screenTitle('')).toBe('NAS Playground');
    const titles = SCREENS.map((s) => screenTitle(s.title));
    expect(new Set(titles).size).toBe(SCREENS.length);
    expect(titles.every((t) => t.endsWith('· NAS Playground'))).toBe(true);
  });
});
