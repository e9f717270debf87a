import { describe, expect, it } from 'vitest';
import { TRAIN_GROUP } from '../../core/trainSettings';
import { METHODS } from '../../methods/registry';
import { PRESET_NOTES } from './presetNotes';

describe('PRESET_NOTES', () => {
  it('explains every preset of every settings group (a new preset name needs its note)', () => {
    const names = [TRAIN_GROUP, ...METHODS.map((m) => m.settings)].flatMap((g) => Object.keys(g.presets).map((p) => `${g.id}:${p}`));
    expect(names.length).toBeGreaterThan(10);
    expect(names.filter((n) => !PRESET_NOTES[n.split(':')[1]])).toEqual([]);
  });
});
