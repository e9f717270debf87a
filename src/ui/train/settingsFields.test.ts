import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../core/urlState';
import { clampField, fieldDef, FIELD_ORDER, fullPreset } from './settingsFields';

describe('settings fields', () => {
  it('every field has a URL definition', () => {
    for (const k of FIELD_ORDER) expect(fieldDef(k).key).toBe(k);
  });
  it('clamps with a visible note, never silently', () => {
    expect(clampField('epochs', '5')).toEqual({ value: 5, note: null });
    expect(clampField('epochs', '500')).toEqual({ value: 50, note: '500 → 50 (the maximum is 50)' });
    expect(clampField('width', '0.1').note).toMatch(/minimum is 0.25/);
    expect(clampField('batch', '16.4')).toEqual({ value: 16, note: '16.4 → 16 (it must be a whole number)' });
    expect(clampField('lr', 'abc').value).toBeNull();
    expect(clampField('lr', '').note).toMatch(/not a number/);
  });
  it('the full preset restores the defaults', () => {
    const d = defaultSettings();
    expect(fullPreset()).toMatchObject({ width: d.width, epochs: d.epochs, opt: d.opt, tiny: 0, limit: 0 });
  });
});
