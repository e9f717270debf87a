import { describe, expect, it } from 'vitest';
import type { PredictorReport, PredictorRow } from '../../core/latency/predictor';
import { cellNetsVerdict, predictorVerdict } from './verdict';

const m = (rmspe: number) => ({ n: 10, within10: 0.5, rmspe, spearman: 0.9, kendall: 0.8 });
const row = (name: PredictorRow['name'], rmspe: number): PredictorRow => ({ name, formula: '', fit: m(rmspe), heldOut: m(rmspe) });

describe('predictorVerdict', () => {
  it('flags fewer than 10 held-out networks as too few to judge', () => {
    const few: PredictorReport = { nFit: 8, nHeldOut: 4, rows: [row('predictor', 0.1), row('macs', 0.3)] };
    expect(predictorVerdict(few).tooFew).toMatch(/^Only 4 held-out networks: too few to judge/);
    expect(predictorVerdict({ ...few, nHeldOut: 10 }).tooFew).toBeNull();
  });
  it('says when another fit beats the chosen predictor, naming it', () => {
    const v = predictorVerdict({ nFit: 20, nHeldOut: 12, rows: [row('predictor', 0.2), row('lutSum', 0.25), row('macs', 0.3), row('dispatches', 0.12)] });
    expect(v.lines[0]).toMatch(/beats MACs/);
    expect(v.lines[1]).toMatch(/^#dispatches only \(linear fit\) does better than the chosen predictor .*RMSPE 12% against 20%/);
    const fine = predictorVerdict({ nFit: 20, nHeldOut: 12, rows: [row('predictor', 0.1), row('macs', 0.3), row('dispatches', 0.12)] });
    expect(fine.lines).toHaveLength(1);
  });
  it('says when the predictor does not beat MACs', () => {
    const v = predictorVerdict({ nFit: 20, nHeldOut: 12, rows: [row('predictor', 0.4), row('macs', 0.3)] });
    expect(v.lines[0]).toMatch(/does not beat MACs/);
    expect(v.lines[1]).toMatch(/^MACs only .* does better/);
  });
});

describe('cellNetsVerdict', () => {
  const report = (parts: number, perCell: number, better: 'parts' | 'perCell' | 'tie') => ({
    n: 4, perCellTermMs: 0.0312, parts: m(parts), perCell: m(perCell), better, nets: [],
  });
  it('names the better way of pricing a cell with both RMSPEs, the per-cell term and that 4 networks are few', () => {
    expect(cellNetsVerdict(report(0.2, 0.1, 'perCell'))).toMatch(/^The per-cell term predicts the 4 cell networks better: .* 10% RMSPE .* against .* 20% RMSPE/);
    expect(cellNetsVerdict(report(0.1, 0.2, 'parts'))).toMatch(/^The sum of parts alone predicts the 4 cell networks better/);
    expect(cellNetsVerdict(report(0.1, 0.1, 'tie'))).toMatch(/equally well/);
    expect(cellNetsVerdict(report(0.1, 0.2, 'parts'))).toMatch(/0\.0312 ms per cell .* Only 4 cell networks/);
  });
});
