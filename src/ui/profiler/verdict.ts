/** What a profile's predictor report allows one to say (pure): enough held-out networks to judge? Does another fit beat it? */
import type { CellNetReport } from '../../core/latency/cellNets';
import type { PredictorReport } from '../../core/latency/predictor';
import { PREDICTOR_LABEL, share } from './format';

/** Below this many held-out networks the figures are too few to judge a predictor by. */
export const MIN_HELD_OUT = 10;

export interface Verdict {
  /** "Only 4 held-out networks: too few to judge…", or null. */
  tooFew: string | null;
  /** The sentence about the predictor against MACs and the best other fit. */
  lines: string[];
}

export function predictorVerdict(report: PredictorReport): Verdict {
  const n = report.nHeldOut;
  const tooFew =
    n < MIN_HELD_OUT
      ? `Only ${n} held-out network${n === 1 ? '' : 's'}: too few to judge any of these predictors (another draw could change every figure). A full profile measures more.`
      : null;
  const main = report.rows.find((r) => r.name === 'predictor');
  const macs = report.rows.find((r) => r.name === 'macs');
  const lines: string[] = [];
  if (main && macs) {
    lines.push(
      main.heldOut.rmspe < macs.heldOut.rmspe
        ? 'The predictor beats MACs on the held-out networks (lower RMSPE).'
        : 'The predictor does not beat MACs on the held-out networks: treat its numbers as rough on this device.',
    );
  }
  if (main) {
    const others = report.rows.filter((r) => r.name !== 'predictor' && Number.isFinite(r.heldOut.rmspe));
    const best = others.reduce<(typeof others)[number] | null>((b, r) => (b === null || r.heldOut.rmspe < b.heldOut.rmspe ? r : b), null);
    if (best && best.heldOut.rmspe < main.heldOut.rmspe) {
      lines.push(
        `${PREDICTOR_LABEL[best.name] ?? best.name} does better than the chosen predictor on the held-out networks (RMSPE ${share(best.heldOut.rmspe)} against ${share(main.heldOut.rmspe)}); the searches still use the chosen predictor.`,
      );
    }
  }
  return { tooFew, lines };
}

/** The sentence about the cell networks: which way of pricing a cell predicts them better, by how much, and on how few. */
export function cellNetsVerdict(c: CellNetReport): string {
  const a = `sum of parts ${share(c.parts.rmspe)} RMSPE (${share(c.parts.within10)} within ±10%)`;
  const b = `sum of parts + per-cell term ${share(c.perCell.rmspe)} RMSPE (${share(c.perCell.within10)} within ±10%)`;
  const which =
    c.better === 'tie'
      ? `Both ways of pricing a cell predict the ${c.n} cell networks equally well: ${a}, ${b}.`
      : c.better === 'perCell'
        ? `The per-cell term predicts the ${c.n} cell networks better: ${b} against ${a}.`
        : `The sum of parts alone predicts the ${c.n} cell networks better: ${a} against ${b}.`;
  const term = `Per-cell term from all ${c.n}: ${Number(c.perCellTermMs.toPrecision(3))} ms per cell (not used by the searches: they price a cell by its parts).`;
  const few = c.n < MIN_HELD_OUT ? ` Only ${c.n} cell networks: a hint, not a verdict.` : '';
  return `${which} ${term}${few}`;
}
