import { describe, expect, it } from 'vitest';
import type { ResultRecord } from '../../core/method/resultRecord';
import { ratioText, readPadNasFields } from './record';
import type { PadNasRecordFields } from './snapshot';

const fields: PadNasRecordFields = {
  genotype: ['k3e3', 'skip'],
  oneShotAccuracy: 0.5,
  cost: 3e5,
  stages: [],
  ranking: { before: [], after: [], tauBefore: 0.4, tauAfter: null },
  window: { lo: 2e5, hi: 4e5, unit: 'MACs', profileName: null, min: 1e5, max: 5e5 },
  windowNotice: null,
  baseline: { genotype: ['k3e3', 'k3e3'], macs: 2e5, params: 1e4, cost: 2e5, valAccuracy: null, testAccuracy: null },
  spaceLog10: [1, 0.5],
  evaluations: 12,
  phaseSeconds: { train: 1 },
  front: [],
  space: { kind: 'hand', family: 'all', slots: [], from: null },
};

describe('PAD-NAS record fields', () => {
  it('reads back what a run wrote, through JSON (τ null, baseline not trained)', () => {
    const rec = JSON.parse(JSON.stringify({ method: 'padnas', ...fields })) as ResultRecord;
    const r = readPadNasFields(rec);
    expect(r.ok && r.fields).toMatchObject({ genotype: ['k3e3', 'skip'], ranking: { tauBefore: 0.4, tauAfter: null }, baseline: { testAccuracy: null } });
  });

  it('says which field is wrong', () => {
    const r = readPadNasFields({ ...fields, window: { ...fields.window, unit: 'furlongs' } } as unknown as ResultRecord);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^window\.unit: /);
  });

  it('formats ratios', () => {
    expect(ratioText(3, 2)).toBe('1.50×');
    expect(ratioText(3, 0)).toBe('–');
  });
});
