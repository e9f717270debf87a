import { describe, expect, it } from 'vitest';
import { adaptRho, DEFAULT_TARGET, plannedMacs, projectedMacs, rampSteps, rhoAt, type TargetOptions } from './rhoSchedule';

describe('ρ ramp', () => {
  it('ramps linearly per step then stays flat', () => {
    const ramp = rampSteps(1000, 0.07);
    expect(ramp).toBe(70);
    expect(rhoAt(0, 1e-3, ramp)).toBeCloseTo(1e-3 / 70, 12);
    expect(rhoAt(34, 1e-3, ramp)).toBeCloseTo(0.5e-3, 12);
    expect(rhoAt(69, 1e-3, ramp)).toBeCloseTo(1e-3, 12);
    expect(rhoAt(500, 1e-3, ramp)).toBe(1e-3);
    expect(rampSteps(3, 0.07)).toBe(1);
  });
});

describe('target controller', () => {
  const opts: TargetOptions = { ...DEFAULT_TARGET, startMacs: 1000, targetMacs: 400 };

  it('plans a linear path that reaches the target at endFrac', () => {
    expect(plannedMacs(0, opts)).toBe(1000);
    expect(plannedMacs(opts.endFrac / 2, opts)).toBeCloseTo(700, 9);
    expect(plannedMacs(opts.endFrac, opts)).toBeCloseTo(400, 9);
    expect(plannedMacs(1, opts)).toBeCloseTo(400, 9);
  });

  it('scales ρ by wanted drop / seen drop, clipped per check', () => {
    expect(adaptRho(1e-3, { projected: 800, previous: 820, plannedNext: 770 }, opts)).toBeCloseTo(1.5e-3, 15);
    expect(adaptRho(1e-3, { projected: 800, previous: 900, plannedNext: 770 }, opts)).toBeCloseTo(5e-4, 15);
    expect(adaptRho(1e-3, { projected: 800, previous: 800, plannedNext: 770 }, opts)).toBeCloseTo(2e-3, 15);
    expect(adaptRho(1e-3, { projected: 700, previous: 710, plannedNext: 720 }, opts)).toBeCloseTo(5e-4, 15);
    expect(adaptRho(0.9, { projected: 800, previous: 800, plannedNext: 700 }, opts)).toBe(opts.maxRho);
    expect(adaptRho(2e-6, { projected: 700, previous: 700, plannedNext: 800 }, opts)).toBe(opts.minRho);
  });

  it('steers a noisy toy plant (MACs fall at a rate ∝ ρ, with lag) near the target from start ρ over 3 decades', () => {
    let seed = 7;
    const noise = (): number => {
      seed = (seed * 16807) % 2147483647;
      return 0.5 + seed / 2147483647; // ×[0.5, 1.5]
    };
    for (const rho0 of [1e-5, 1e-4, 1e-3, 1e-2, 3e-2]) {
      let rho = rho0;
      let macs = 1000;
      let pending = 0; // atoms on their way to zero, removed over the next checks
      let prev = 1000;
      const checks = 100;
      for (let i = 1; i <= checks; i++) {
        const shrinkable = Math.max(0, macs - 150 - pending);
        pending += Math.min(shrinkable, shrinkable * 5 * rho * noise());
        const removed = pending * 0.5;
        pending -= removed;
        macs -= removed;
        const projected = macs - pending;
        rho = adaptRho(rho, { projected, previous: prev, plannedNext: plannedMacs((i + 1) / checks, opts) }, opts);
        prev = projected;
      }
      expect(Math.abs(macs - pending - 400) / 400).toBeLessThan(0.1);
    }
  });

  it('projected MACs subtract atoms at or below the dying level', () => {
    const g = [new Float32Array([0.01, 0.5]), new Float32Array([0.02])];
    const c = [new Float64Array([10, 20]), new Float64Array([7])];
    expect(projectedMacs(100, g, c, 0.05)).toBe(83);
    expect(projectedMacs(100, g, c, 0.015)).toBe(90);
  });
});
