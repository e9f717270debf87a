import { describe, expect, it } from 'vitest';
import { frontHypervolume, frontOf, payoffState, payoffVerdictText, payoffWinner, readPadnasOutcome, sharedReference, spreadPick } from './payoff';
import type { FrontPoint } from './snapshot';

const P = (name: string, valAccuracy: number, cost: number): FrontPoint => ({ genotype: [name], valAccuracy, cost });
const SCALE = { learnedNetworks: 2, handNetworks: 2, standaloneSteps: 50, seed: 3 };

describe('payoff fronts and hypervolume', () => {
  it('a front keeps the non-dominated networks (accuracy up, cost down), cheapest first', () => {
    const pts = [P('dear', 0.9, 3), P('dominated', 0.7, 2.5), P('cheap', 0.6, 1), P('mid', 0.8, 2), P('mid', 0.8, 2), P('nan', Number.NaN, 1)];
    expect(frontOf(pts).map((p) => p.genotype[0])).toEqual(['cheap', 'mid', 'dear']);
    expect(frontOf([])).toEqual([]);
  });

  it('one reference for both fronts: accuracy 0, cost above the dearest network of either', () => {
    expect(sharedReference([P('a', 0.5, 2)], [P('b', 0.6, 4)])).toEqual({ valAccuracy: 0, cost: 4.4 });
    expect(sharedReference([], [])).toBeNull();
    // Hypervolume in accuracy × cost units: one point dominates 0.9 × (4.4 − 2).
    expect(frontHypervolume([P('a', 0.9, 2)], { valAccuracy: 0, cost: 4.4 })).toBeCloseTo(0.9 * 2.4);
  });

  it('the state shows the fronts as they fill and the hypervolumes only once both are final', () => {
    const learned = [P('l1', 0.9, 1), P('l2', 0.5, 2)];
    const hand = [P('h1', 0.8, 1)];
    const partial = payoffState({ stage: 'standalone', unit: 'MMACs', costSource: 'MACs', learned, hand, complete: false });
    expect(partial).toMatchObject({ stage: 'standalone', hvLearned: null, hvHand: null, hvReference: null });
    expect(partial.learned.map((p) => p.genotype[0])).toEqual(['l1']); // l2 is dominated by l1
    const done = payoffState({ stage: 'done', unit: 'MMACs', costSource: 'MACs', learned, hand, complete: true });
    // The reference lies above every point of both fronts (l2, dominated, does not move it).
    expect(done.hvReference).toEqual({ valAccuracy: 0, cost: 1.1 * 1 });
    expect(done.hvLearned).toBeCloseTo(0.9 * 0.1);
    expect(done.hvHand).toBeCloseTo(0.8 * 0.1);
  });

  it('the verdict says in plain words whether the learned space wins, loses or ties at this scale', () => {
    const base = { stage: 'done' as const, unit: 'MMACs' as const, costSource: 'MACs (no device profile)', hvReference: { valAccuracy: 0, cost: 2 }, learned: [], hand: [] };
    expect(payoffWinner(0.5, 0.4)).toBe('learned');
    expect(payoffWinner(0.4, 0.5)).toBe('hand');
    expect(payoffWinner(0.5, 0.495)).toBe('tie');
    expect(payoffWinner(0, 0)).toBe('tie');
    expect(payoffWinner(null, 0.4)).toBeNull();
    const win = payoffVerdictText({ ...base, hvLearned: 0.5, hvHand: 0.4 }, SCALE);
    expect(win).toMatch(/^The learned space wins at this scale: hypervolume 0\.500 for the learned space vs 0\.400 for the hand-designed space \(\+25\.0 %\)/);
    expect(win).toMatch(/One seed \(3\); 2 \+ 2 networks trained stand-alone for 50 steps each, judged on the validation split; cost MACs \(no device profile\)\./);
    expect(payoffVerdictText({ ...base, hvLearned: 0.3, hvHand: 0.4 }, SCALE)).toMatch(/^The learned space does not win at this scale \(it loses\): .*\(−25\.0 %\)/);
    expect(payoffVerdictText({ ...base, hvLearned: 0.4, hvHand: 0.401 }, SCALE)).toMatch(/^The learned space ties with the hand-designed space at this scale \(within 2 %\)/);
    expect(payoffVerdictText({ ...base, hvLearned: null, hvHand: 0.4 }, SCALE)).toMatch(/No verdict/);
  });
});

describe('reading a PAD-NAS outcome', () => {
  it('reads the found genotype, the final front and the space searched', () => {
    const front = [{ genotype: ['k3e3'], oneShotAccuracy: 0.5, cost: 100 }];
    expect(readPadnasOutcome({ genotype: ['k3e3'], front, space: { kind: 'given', slots: [['k3e3']] }, other: 1 })).toEqual({ genotype: ['k3e3'], front, space: [['k3e3']] });
    expect(readPadnasOutcome({ genotype: ['k3e3'] })).toEqual({ genotype: ['k3e3'], front: [], space: null });
    expect(() => readPadnasOutcome({ front })).toThrow(/the PAD-NAS outcome cannot be read \(genotype: /);
  });

  it('picks up to N networks spread over a front, both ends kept, each once', () => {
    const front = ['a', 'b', 'c', 'd', 'e'].map((n, i) => ({ genotype: [n], oneShotAccuracy: 0.1 * i, cost: i }));
    expect(spreadPick(front, 3)).toEqual([['a'], ['c'], ['e']]);
    expect(spreadPick(front, 2)).toEqual([['a'], ['e']]);
    expect(spreadPick(front, 1)).toEqual([['e']]);
    expect(spreadPick(front, 9)).toHaveLength(5);
    expect(spreadPick([...front, front[0]], 9)).toHaveLength(5);
    expect(spreadPick(front, 0)).toEqual([]);
  });
});
