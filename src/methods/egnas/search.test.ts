import { describe, expect, it } from 'vitest';
import { chainParams, type ChainTask } from './chain';
import { EGNAS_PRESETS } from './config';
import { awareEpochs, EgnasSearch, microFloor, worstCaseEpochs, type CandidateRequest, type SearchRules } from './search';

const TASK: ChainTask = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10 };
const RULES: SearchRules = {
  ...EGNAS_PRESETS.default,
  Lmin: 3,
  Lmax: 8,
  Cmin: 8,
  Cmax: 16,
  widthStep: 2,
  startEpochs: 1,
  depthEpochStep: 1,
  widthEpochStep: 2,
  microEpochs: 2,
  addTol: 0.005,
  dropTol: 0.005,
  microTol: 0.0025,
  paramTol: 0.02,
  failLimit: 2,
};

/** Drive a search with a fake trainer: `acc(req)` scripts each candidate's validation accuracy. */
function drive(rules: SearchRules, acc: (req: CandidateRequest, i: number) => number | null, limit = 200) {
  const s = new EgnasSearch(TASK, rules);
  const seen: CandidateRequest[] = [];
  for (let i = 0; i < limit; i++) {
    const req = s.next();
    if (!req) break;
    seen.push(req);
    s.report(acc(req, i));
  }
  return { s, seen, d: s.decided };
}

/** Script by phase: depth accuracies by L, width accuracies by C, micro accuracies by candidate count. */
function scripted(depth: Record<number, number>, width: Record<number, number>, micro: (req: CandidateRequest) => number) {
  return (req: CandidateRequest) => (req.phase === 'depth' ? depth[req.genome.ops.length] : req.phase === 'width' ? width[req.genome.C] : micro(req));
}

describe('EgnasSearch, depth phase', () => {
  it('accepts a gain ≥ addTol, is neutral within the band, fails below it, stops after 2 failures; the depth is the last accepted', () => {
    // L3 start 0.90; L4 +1.0 → accept; L5 +0.2 → neutral; L6 −1.0 → fail; L7 +0.6 over 0.91 → accept (resets);
    // L8 is L_max: −2 → fail, and the phase ends at L_max.
    const { d } = drive(RULES, scripted({ 3: 0.9, 4: 0.91, 5: 0.912, 6: 0.9, 7: 0.916, 8: 0.896 }, { 14: 0.9, 12: 0.9 }, () => 0.5));
    const depth = d.filter((c) => c.phase === 'depth');
    expect(depth.map((c) => [c.genome.ops.length, c.decision])).toEqual([
      [3, 'start'],
      [4, 'accept'],
      [5, 'neutral'],
      [6, 'fail'],
      [7, 'accept'],
      [8, 'fail'],
    ]);
    // The epoch budget grows by one per deeper candidate, whatever the decision.
    expect(depth.map((c) => c.epochs)).toEqual([1, 2, 3, 4, 5, 6]);
    // Every depth candidate is all-SepConv k3 at C_max.
    expect(depth.every((c) => c.genome.C === 16 && c.genome.ops.every((o) => o === 's') && c.genome.kernels.every((k) => k === 3))).toBe(true);
    // The width phase works at the accepted depth (7), not the last one tried (8).
    expect(d.find((c) => c.phase === 'width')!.genome.ops).toHaveLength(7);
  });

  it('stops after 2 failures since the last accept (neutral does not reset the count)', () => {
    const { d } = drive(RULES, scripted({ 3: 0.9, 4: 0.88, 5: 0.901, 6: 0.85, 7: 0.99 }, {}, () => 0.5));
    const depth = d.filter((c) => c.phase === 'depth');
    expect(depth.map((c) => c.decision)).toEqual(['start', 'fail', 'neutral', 'fail']);
    expect(d.find((c) => c.phase === 'width')!.genome.ops).toHaveLength(3);
  });

  it('a diverged candidate (null) is a failure', () => {
    const { d } = drive(RULES, (req) => (req.phase === 'depth' ? (req.genome.ops.length === 3 ? 0.9 : null) : 0.5));
    expect(d.filter((c) => c.phase === 'depth').map((c) => c.decision)).toEqual(['start', 'fail', 'fail']);
  });
});

describe('EgnasSearch, width phase and the epoch-budget rule', () => {
  it('shrinks C by the step with 2 more epochs each; accepts no drop beyond dropTol against the phase best; stops after 2 failures', () => {
    // Depth: L3 0.90, L4 0.95 accept, L5/L6 fail → depth 4, counter at 4 epochs after L6.
    const { d, s } = drive(RULES, scripted({ 3: 0.9, 4: 0.95, 5: 0.9, 6: 0.9 }, { 14: 0.953, 12: 0.948, 10: 0.94, 8: 0.93 }, () => 0.5));
    const width = d.filter((c) => c.phase === 'width');
    // C14 accept (+0.3), C12 accept (−0.5 of the best 0.953: at the band's edge), C10 fail, C8 fail → stop.
    expect(width.map((c) => [c.genome.C, c.decision])).toEqual([
      [14, 'accept'],
      [12, 'accept'],
      [10, 'fail'],
      [8, 'fail'],
    ]);
    expect(width.map((c) => c.epochs)).toEqual([6, 8, 10, 12]);
    // Discovered budget: the counter at the last accepted width.
    expect(s.discoveredEpochs).toBe(8);
    // The micro reference is the narrowest accepted chain at its depth.
    const ref = d.find((c) => c.decision === 'reference')!;
    expect([ref.genome.ops.length, ref.genome.C, ref.epochs]).toEqual([4, 12, 2]);
  });

  it('compares narrower chains with the best of the phase: a run of small drops cannot walk the accuracy down', () => {
    const { d } = drive({ ...RULES, failLimit: 5 }, scripted({ 3: 0.95, 4: 0.9, 5: 0.9 }, { 14: 0.946, 12: 0.942, 10: 0.938, 8: 0.934 }, () => 0.5));
    // Each is within 0.5 point of the previous one (a last-accepted rule would accept them all), but only C14 is
    // within 0.5 point of the phase's best (0.95).
    expect(d.filter((c) => c.phase === 'width').map((c) => c.decision)).toEqual(['accept', 'fail', 'fail', 'fail']);
  });

  it('without an accepted width the discovered budget is the counter at the end of the depth phase', () => {
    const { s } = drive(RULES, scripted({ 3: 0.9, 4: 0.8, 5: 0.8 }, { 14: 0.5, 12: 0.5 }, () => 0.5));
    expect(s.discoveredEpochs).toBe(3);
  });

  it('awareEpochs is the search\'s own rule; worstCaseEpochs bounds every run', () => {
    expect(awareEpochs(RULES, 3, 16)).toBe(1);
    expect(awareEpochs(RULES, 6, 16)).toBe(4);
    expect(awareEpochs(RULES, 6, 12)).toBe(8);
    const w = worstCaseEpochs(RULES);
    for (const seed of [1, 2, 3, 4, 5]) {
      let x = seed;
      const rand = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const { seen, s } = drive(RULES, () => 0.8 + 0.2 * rand());
      expect(seen.length).toBeLessThanOrEqual(w.candidates);
      expect(seen.reduce((a, r) => a + r.epochs, 0)).toBeLessThanOrEqual(w.epochs);
      expect(s.discoveredEpochs).toBeLessThanOrEqual(w.finalEpochs);
    }
  });
});

describe('EgnasSearch.epochsLeft, the bound the time left is paced by', () => {
  it('starts at the worst case, never falls below what is still trained, only shrinks, is exact in the micro phases and 0 at the end', () => {
    const w = worstCaseEpochs(RULES);
    expect(new EgnasSearch(TASK, RULES).epochsLeft()).toEqual({ epochs: w.epochs, finalEpochs: w.finalEpochs });
    let microExact = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      let x = seed;
      const rand = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const s = new EgnasSearch(TASK, RULES);
      const bounds: { epochs: number; finalEpochs: number; phase: string; at: number }[] = [];
      const trained: number[] = [];
      for (let i = 0; i < 200; i++) {
        const before = s.decided.length;
        const req = s.next();
        // Candidates decided without training ('unmatched') cost nothing.
        for (const d of s.decided.slice(before)) trained.push(d.epochs);
        if (!req) break;
        bounds.push({ ...s.epochsLeft(), phase: s.currentPhase, at: trained.length });
        trained.push(req.epochs);
        s.report(seed % 2 ? 0.8 + 0.2 * rand() : 0.9 + 0.01 * rand());
      }
      expect(s.currentPhase).toBe('done');
      expect(s.epochsLeft()).toEqual({ epochs: 0, finalEpochs: s.discoveredEpochs });
      for (const [k, b] of bounds.entries()) {
        const still = trained.slice(b.at).reduce((a, e) => a + e, 0);
        expect(b.epochs).toBeGreaterThanOrEqual(still);
        expect(b.finalEpochs).toBeGreaterThanOrEqual(s.discoveredEpochs);
        if (k > 0) {
          expect(b.epochs).toBeLessThan(bounds[k - 1].epochs);
          expect(b.finalEpochs).toBeLessThanOrEqual(bounds[k - 1].finalEpochs);
        }
        if ((b.phase === 'ops' || b.phase === 'kernels') && !s.decided.some((d) => d.decision === 'unmatched')) {
          expect(b.epochs).toBe(still);
          microExact++;
        }
      }
      // Once the width phase has ended, the budget is known.
      const firstMicro = bounds.find((b) => b.phase === 'ops');
      expect(firstMicro?.finalEpochs).toBe(s.discoveredEpochs);
    }
    expect(microExact).toBeGreaterThan(0);
  });
});

describe('EgnasSearch, micro phases and parameter matching', () => {
  it('tries Conv then k5 per layer at ≤ P0·(1 + paramTol) with the widest fitting C; keeps only gains above microTol', () => {
    let n = 0;
    // Micro script: reference 0.90; ops layer 1 +1 point (keep), others +0.1 (revert); kernels all −1 (revert).
    const micro = (req: CandidateRequest) => {
      n++;
      if (req.change === 'reference') return 0.9;
      if (req.phase === 'ops') return req.layer === 0 ? 0.91 : 0.911;
      return 0.9;
    };
    const { d, s } = drive({ ...RULES, Cmin: 4 }, scripted({ 3: 0.9, 4: 0.8, 5: 0.8 }, { 14: 0.5, 12: 0.5 }, micro));
    expect(n).toBeGreaterThan(0);
    const P0 = chainParams(TASK, { C: 16, ops: ['s', 's', 's'], kernels: [3, 3, 3] });
    const budget = Math.floor(P0 * 1.02);
    expect(s.paramBudget).toBe(budget);
    const ops = d.filter((c) => c.phase === 'ops' && c.layer !== null);
    expect(ops.map((c) => c.decision)).toEqual(['keep', 'revert', 'revert']);
    for (const c of d.filter((k) => k.layer !== null && k.decision !== 'unmatched')) {
      expect(c.params).toBeLessThanOrEqual(budget);
      expect(c.epochs).toBe(2);
      // The widest width that fits: one channel more would not.
      expect(chainParams(TASK, { ...c.genome, C: c.genome.C + 1 })).toBeGreaterThan(budget);
      expect(c.genome.C).toBeLessThan(16);
    }
    // Kernel candidates start from the kept Conv in layer 1.
    const kern = d.filter((c) => c.phase === 'kernels');
    expect(kern.length).toBe(3);
    expect(kern.every((c) => c.genome.ops[0] === 'c' && c.decision === 'revert')).toBe(true);
    const r = s.result!;
    expect(r.genome.ops).toEqual(['c', 's', 's']);
    expect(r.genome.kernels).toEqual([3, 3, 3]);
    expect(r.acc).toBe(0.91);
    expect(s.next()).toBeNull();
  });

  it('a change that no width down to the micro floor can fit is "unmatched" and not trained', () => {
    // Floor = C_max: nothing can be given back, so every Conv / k5 swap is unmatched.
    const s = new EgnasSearch(TASK, { ...RULES, Cmin: 16, Cmax: 16 }, 16);
    const seen: CandidateRequest[] = [];
    for (let req = s.next(); req; req = s.next()) {
      seen.push(req);
      s.report(req.phase === 'depth' ? ({ 3: 0.9, 4: 0.8, 5: 0.8 } as Record<number, number>)[req.genome.ops.length] : 0.9);
    }
    const d = s.decided;
    const micro = d.filter((c) => c.layer !== null);
    expect(micro.length).toBe(6);
    expect(micro.every((c) => c.decision === 'unmatched' && c.epochs === 0)).toBe(true);
    expect(seen.filter((r) => r.layer !== null)).toHaveLength(0);
    expect(s.result!.genome.C).toBe(16);
  });

  it('the micro floor is half of C_min, rounded up', () => {
    expect([1, 4, 5, 8].map((Cmin) => microFloor({ Cmin }))).toEqual([1, 2, 3, 4]);
  });

  it('report() without next() is an error; next() is idempotent until report()', () => {
    const s = new EgnasSearch(TASK, RULES);
    expect(() => s.report(0.5)).toThrow(/pending/);
    expect(s.next()).toBe(s.next());
  });
});
