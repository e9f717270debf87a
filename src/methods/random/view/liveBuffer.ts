/**
 * The live data of the random-search screen, outside React: every candidate of the current run (snapshots carry only
 * the new ones), the phase and progress. The charts subscribe and redraw on animation frames; nothing here re-renders
 * React per snapshot.
 */
import type { RandomCandidate, RandomPhase, RandomSnapshot, RandomWindow } from '../snapshot';

type Listener = () => void;

export class RandomLive {
  candidates: RandomCandidate[] = [];
  phase: RandomPhase | null = null;
  samples = 0;
  current: RandomSnapshot['current'] = null;
  final: RandomSnapshot['final'] = null;
  bestIndex: number | null = null;
  window: RandomWindow | null = null;
  /** Bumped on every change (LiveSvg redraws when it moved). */
  version = 0;
  private readonly listeners = new Set<Listener>();

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Take one snapshot (null: a new run starts, forget the old one). */
  apply(s: RandomSnapshot | null): void {
    if (!s) {
      this.candidates = [];
      this.phase = null;
      this.samples = 0;
      this.current = null;
      this.final = null;
      this.bestIndex = null;
      this.window = null;
    } else {
      // A snapshot may repeat a candidate (a driver resending): keep one per index.
      for (const c of s.candidates) if (!this.candidates.some((k) => k.index === c.index)) this.candidates.push(c);
      this.phase = s.phase;
      this.samples = s.samples;
      this.current = s.current;
      this.final = s.final;
      this.bestIndex = s.bestIndex;
      this.window = s.window;
    }
    this.version++;
    for (const fn of this.listeners) fn();
  }

  /** The best candidate so far, or null. */
  best(): RandomCandidate | null {
    return this.candidates.find((c) => c.index === this.bestIndex) ?? null;
  }
}

/** The screen's one buffer (module-level: it outlives the view's mounts, as the run does). */
export const randomLive = new RandomLive();

/** The readouts as text: candidate i of N, phase, best validation accuracy so far. */
export function readoutValues(live: RandomLive): { candidate: string; phase: string; best: string } {
  const n = live.samples;
  const b = live.best();
  const best = b?.valAccuracy != null ? `${(100 * b.valAccuracy).toFixed(1)}% (#${b.index + 1})` : '–';
  if (live.phase === null) return { candidate: '–', phase: 'not started', best };
  if (live.phase === 'sample') {
    const i = Math.min(n, (live.current?.index ?? live.candidates.length) + 1);
    return { candidate: `${i} of ${n}`, phase: 'short training', best };
  }
  return { candidate: `${n} of ${n}`, phase: live.phase === 'final' ? 'retraining the best' : 'done', best };
}
