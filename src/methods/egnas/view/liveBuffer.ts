/**
 * The live data of the Efficient Global NAS screen, outside React: every decided candidate of the current run
 * (snapshots carry only the new ones), the demo rows, the candidate in training. Charts subscribe and redraw on
 * animation frames.
 */
import type { EgnasBaseline, EgnasCandidate, EgnasSnapshot, EgnasStage, RankingRow } from '../snapshot';

type Listener = () => void;

export class EgnasLive {
  candidates: EgnasCandidate[] = [];
  rows: RankingRow[] = [];
  stage: EgnasStage | null = null;
  phase: EgnasSnapshot['phase'] = null;
  current: EgnasSnapshot['current'] = null;
  rankingResult: EgnasSnapshot['rankingResult'] = null;
  paramBudget: number | null = null;
  discoveredEpochs: number | null = null;
  baseline: EgnasBaseline | null = null;
  valImages = 0;
  version = 0;
  private readonly listeners = new Set<Listener>();

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Take one snapshot (null: a new run starts, forget the old one). */
  apply(s: EgnasSnapshot | null): void {
    if (!s) {
      this.candidates = [];
      this.rows = [];
      this.stage = null;
      this.phase = null;
      this.current = null;
      this.rankingResult = null;
      this.paramBudget = null;
      this.discoveredEpochs = null;
      this.baseline = null;
      this.valImages = 0;
    } else {
      for (const c of s.candidates) if (!this.candidates.some((k) => k.index === c.index)) this.candidates.push(c);
      for (const r of s.ranking) if (!this.rows.some((k) => k.L === r.L && k.C === r.C)) this.rows.push(r);
      this.stage = s.stage;
      this.phase = s.phase;
      this.current = s.current;
      this.rankingResult = s.rankingResult;
      this.paramBudget = s.paramBudget;
      this.discoveredEpochs = s.discoveredEpochs;
      this.baseline = s.baseline ?? null;
      this.valImages = s.valImages;
    }
    this.version++;
    for (const fn of this.listeners) fn();
  }
}

/** The screen's one buffer (module-level: it outlives the view's mounts, as the run does). */
export const egnasLive = new EgnasLive();

/** Decision marker glyphs: ✓ accept / keep, ○ neutral, ✗ fail / revert, ● start / reference, – unmatched. */
export function marker(d: EgnasCandidate['decision']): string {
  switch (d) {
    case 'accept':
    case 'keep':
      return '✓';
    case 'neutral':
      return '○';
    case 'fail':
    case 'revert':
      return '✗';
    case 'unmatched':
      return '–';
    default:
      return '●';
  }
}

/** Readouts as text: stage/phase, candidates so far, best validation accuracy of the macro phases. */
/** "1 epoch", "3 epochs". */
export const epochsText = (n: number): string => `${n} epoch${n === 1 ? '' : 's'}`;

export function readouts(live: EgnasLive): { phase: string; candidates: string; budget: string } {
  const stage = live.stage;
  const phase =
    stage === null
      ? 'not started'
      : stage === 'search'
        ? `${live.phase ?? 'search'} phase`
        : stage === 'ranking'
          ? 'fair-ranking demo'
          : stage === 'baseline'
            ? 'training the hand-designed baseline'
            : stage === 'final'
              ? 'retraining the found chain'
              : 'done';
  const c = live.current;
  const budget = c && c.phase !== 'ranking' && c.phase !== 'final' && c.phase !== 'baseline' ? `${epochsText(c.epochs)} (${c.label})` : live.discoveredEpochs !== null ? `discovered: ${epochsText(live.discoveredEpochs)}` : '–';
  return { phase, candidates: String(live.candidates.filter((k) => k.decision !== 'unmatched').length), budget };
}
