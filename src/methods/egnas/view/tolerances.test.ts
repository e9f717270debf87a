import { describe, expect, it } from 'vitest';
import { EGNAS_PRESETS } from '../config';
import { shownTolerances } from './tolerances';

describe('shownTolerances', () => {
  it('before a Start, states the settings form’s tolerances (not fixed defaults)', () => {
    const form = { ...EGNAS_PRESETS.tiny };
    expect(shownTolerances(undefined, form)).toEqual({ addTol: form.addTol, dropTol: form.dropTol, microTol: form.microTol, paramTol: form.paramTol });
  });

  it('once started, states the run’s own tolerances even when the form has changed since', () => {
    const info = { addTol: 0.02, dropTol: 0.015, microTol: 0.004, paramTol: 0.1 };
    expect(shownTolerances(info, { addTol: 0.5, dropTol: 0.5, microTol: 0.5, paramTol: 0.5 })).toEqual(info);
  });

  it('falls back per value when a value is missing or not a finite number (an old recording)', () => {
    expect(shownTolerances({ addTol: 0.03, dropTol: Number.NaN }, null)).toEqual({ addTol: 0.03, dropTol: 0.005, microTol: 0, paramTol: 0 });
  });
});
