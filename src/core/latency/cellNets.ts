/**
 * How well a cell's sum of parts predicts whole cell networks (pure; issue 13 §1). A profile measured with option
 * `cells` times a few networks whose every searched slot is a random valid AutoSpace-style cell (plan
 * `planCellNetworks`). They are never in the predictor's fit: they only check two ways of pricing a cell.
 *
 *  (a) parts:    the fitted predictor a·ΣLUT + b·#dispatches + c with each cell's ΣLUT the sum of its parts' LUT
 *                entries (the rule `predictLatency` uses);
 *  (b) per cell: (a) + #cells · δ, one constant δ (ms) per cell, the least-squares per-cell overhead of the OTHER
 *                measured cell networks (leave-one-out: δ₋ᵢ = Σⱼ≠ᵢ rⱼ·nⱼ / Σⱼ≠ᵢ nⱼ², rⱼ = measuredⱼ − (a)ⱼ, nⱼ its
 *                cells), so no network is predicted with its own measurement.
 *
 * Which is better is decided by RMSPE on the cell networks (within ±10 % is shown beside it). δ from all cell
 * networks is reported too: what (b) would add per cell to networks not measured here.
 */

import { evaluatePredictions, type PredictionMetrics } from './predictor';

/** One measured cell network as the check sees it. */
export interface CellNetSample {
  name: string;
  measuredMs: number;
  /** Prediction (a): the fitted predictor, cells priced by their parts. */
  partsMs: number;
  /** Cells in the network. */
  cells: number;
}

export interface CellNetRow {
  name: string;
  measuredMs: number;
  partsMs: number;
  /** Prediction (b) with the leave-one-out per-cell term. */
  perCellMs: number;
  cells: number;
}

export interface CellNetReport {
  n: number;
  /** δ from all measured cell networks (ms per cell; may be negative: the parts over-price a cell). */
  perCellTermMs: number;
  parts: PredictionMetrics;
  perCell: PredictionMetrics;
  /** Lower RMSPE on the cell networks ('tie' when equal to 1e-9). */
  better: 'parts' | 'perCell' | 'tie';
  nets: CellNetRow[];
}

/** Least-squares δ of r ≈ n·δ over the given samples (0 when they hold no cells). */
function perCellTerm(samples: readonly CellNetSample[]): number {
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.measuredMs - s.partsMs) * s.cells;
    den += s.cells * s.cells;
  }
  return den > 0 ? num / den : 0;
}

/** Both predictions on the measured cell networks; null with fewer than 2 (leave-one-out needs another network). */
export function evaluateCellNets(samples: readonly CellNetSample[]): CellNetReport | null {
  if (samples.length < 2) return null;
  if (samples.some((s) => !(s.measuredMs > 0) || !Number.isFinite(s.partsMs) || !(s.cells >= 0))) {
    throw new RangeError('evaluateCellNets: every cell network needs a positive measurement, a finite prediction and a cell count');
  }
  const nets: CellNetRow[] = samples.map((s, i) => ({
    name: s.name,
    measuredMs: s.measuredMs,
    partsMs: s.partsMs,
    perCellMs: s.partsMs + s.cells * perCellTerm(samples.filter((_, j) => j !== i)),
    cells: s.cells,
  }));
  const meas = nets.map((r) => r.measuredMs);
  const parts = evaluatePredictions(nets.map((r) => r.partsMs), meas);
  const perCell = evaluatePredictions(nets.map((r) => r.perCellMs), meas);
  const d = perCell.rmspe - parts.rmspe;
  return { n: nets.length, perCellTermMs: perCellTerm(samples), parts, perCell, better: Math.abs(d) <= 1e-9 ? 'tie' : d < 0 ? 'perCell' : 'parts', nets };
}
