import { describe, expect, it } from 'vitest';
import type { PayoffState } from '../snapshot';
import { hvPolygon, paretoFront, verdict } from './payoffFronts';

const pt = (cost: number, valAccuracy: number) => ({ genotype: [`${cost}`], cost, valAccuracy });

const payoff = (over: Partial<PayoffState>): PayoffState => ({
  stage: 'done',
  unit: 'MMACs',
  costSource: 'MACs',
  learned: [],
  hand: [],
  hvLearned: 0.5,
  hvHand: 0.4,
  hvReference: { valAccuracy: 0, cost: 10 },
  ...over,
});

describe('payoff fronts', () => {
  it('keeps the non-dominated networks, cheapest first', () => {
    const front = paretoFront([pt(5, 0.7), pt(3, 0.6), pt(4, 0.55), pt(8, 0.7), pt(9, 0.8), pt(3, 0.5)]);
    expect(front.map((p) => p.cost)).toEqual([3, 5, 9]);
  });

  it('outlines the dominated region as a staircase up to the reference point', () => {
    expect(hvPolygon([pt(2, 0.5), pt(6, 0.8)], { cost: 10, valAccuracy: 0 })).toEqual([
      [2, 0],
      [2, 0.5],
      [6, 0.5],
      [6, 0.8],
      [10, 0.8],
      [10, 0],
    ]);
    expect(hvPolygon([pt(2, 0.5)], null)).toEqual([]);
  });

  it('says which space wins by hypervolume, a tie within 1%, and the stage while in progress', () => {
    expect(verdict(null).kind).toBe('pending');
    expect(verdict(payoff({ stage: 'hand-search', hvHand: null }))).toEqual({ kind: 'pending', text: 'Payoff in progress: searching the hand-designed space.' });
    expect(verdict(payoff({}))).toEqual({ kind: 'learned', text: 'The learned space wins: its front’s hypervolume is 25% larger (0.5 vs 0.4).' });
    expect(verdict(payoff({ hvLearned: 0.3 })).kind).toBe('hand');
    expect(verdict(payoff({ hvLearned: 0.403 })).kind).toBe('tie');
  });
});
