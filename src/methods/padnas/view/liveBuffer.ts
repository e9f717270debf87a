/**
 * The live data of the PAD-NAS screen, outside React: the latest snapshot and the population of every generation seen
 * (for the scatter's animation). The d3 charts subscribe and redraw on animation frames; the readouts re-render only
 * when their text changes.
 */
import { compact, sig } from '../../../ui/common/format';
import type { PadNasPoint, PadNasSnapshot, PadNasWindow } from '../snapshot';

type Listener = () => void;

export interface PadNasGeneration {
  /** "round.generation". */
  key: string;
  round: number;
  generation: number;
  points: PadNasPoint[];
}

export class PadNasLive {
  snap: PadNasSnapshot | null = null;
  /** Generations seen, oldest first. */
  readonly generations: PadNasGeneration[] = [];
  /** Last finite supernet loss (a snapshot without supernet steps carries NaN). */
  loss = Number.NaN;
  /** Bumped on every change (LiveSvg redraws when it moved). */
  version = 0;
  private readonly listeners = new Set<Listener>();

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Take one snapshot (null: a new run starts, forget the old one). */
  apply(s: PadNasSnapshot | null): void {
    if (!s) {
      this.snap = null;
      this.generations.length = 0;
      this.loss = Number.NaN;
    } else {
      this.snap = s;
      if (Number.isFinite(s.loss)) this.loss = s.loss;
      const p = s.population;
      if (p) {
        const key = `${p.round}.${p.generation}`;
        const last = this.generations.at(-1);
        if (last?.key === key) last.points = p.points;
        else this.generations.push({ key, round: p.round, generation: p.generation, points: p.points });
      }
    }
    this.version++;
    for (const fn of this.listeners) fn();
  }
}

/** The screen's one buffer (module-level: it outlives the view's mounts, as the run does). */
export const padnasLive = new PadNasLive();

/** "4.567 ms" / "1.2M MACs" / "–". */
export function costText(v: number, unit: 'ms' | 'MACs' | undefined): string {
  if (!Number.isFinite(v)) return '–';
  return unit === 'ms' ? `${v.toFixed(3)} ms` : `${compact(v)} MACs`;
}

/** What the window is measured in, in words. */
export function unitText(w: PadNasWindow): string {
  return w.unit === 'ms' ? `predicted, profile ${w.profileName ?? ''}` : 'MACs (no device profile)';
}

/** The readouts as text; `started` = the window the run reported at Start (before the first snapshot). */
export function readoutValues(live: PadNasLive, started: PadNasWindow | null): { phase: string; rounds: string; window: string; unit: string; loss: string } {
  const s = live.snap;
  const w = s?.window ?? started;
  return {
    phase: s ? s.phaseLabel || 'starting…' : '–',
    rounds: s ? String(s.stages.length) : '0',
    window: w ? `${costText(w.lo, w.unit)} … ${costText(w.hi, w.unit)}` : '–',
    unit: w ? unitText(w) : '–',
    loss: Number.isFinite(live.loss) ? sig(live.loss) : '–',
  };
}
