/**
 * ρ, the strength of the resource-aware L1 penalty on the gates (METHODS.md §1). Pure.
 *
 * - Ramp [code]: ρ(t) = ρ·min(1, t / ramp), per step, over the first ~7% of training (25 of 350 epochs).
 * - Target mode [ours, the playground's extension; users asked AtomNAS for a FLOPs target]: ρ is adapted
 *   multiplicatively at every shrink check so that the network's MACs follow a planned path from the supernet's MACs
 *   down to the user's target, reached at `endFrac` of training, then held there.
 */

/** Number of ramp steps for a run of `totalSteps` steps (at least 1). */
export function rampSteps(totalSteps: number, rampFrac: number): number {
  return Math.max(1, Math.round(totalSteps * rampFrac));
}

/** ρ(t) = ρ·min(1, t / ramp); `step` counts completed steps, so the first update sees ρ/ramp, never 0. */
export function rhoAt(step: number, rho: number, ramp: number): number {
  return rho * Math.min(1, (step + 1) / Math.max(1, ramp));
}

export interface TargetOptions {
  /** Supernet MACs (the start of the planned path). */
  startMacs: number;
  /** MACs the user wants the network to end near. */
  targetMacs: number;
  /** Fraction of training at which the plan reaches the target (then it stays there). */
  endFrac: number;
  /** Largest multiplicative change of ρ at one check (> 1). */
  maxFactor: number;
  minRho: number;
  maxRho: number;
}

export const DEFAULT_TARGET: Omit<TargetOptions, 'startMacs' | 'targetMacs'> = {
  endFrac: 0.7,
  maxFactor: 2,
  minRho: 1e-6,
  maxRho: 1,
};

/** MACs the plan wants at training progress `p` ∈ [0, 1]: linear from start to target, reached at `endFrac`. */
export function plannedMacs(p: number, o: Pick<TargetOptions, 'startMacs' | 'targetMacs' | 'endFrac'>): number {
  const f = Math.min(1, Math.max(0, p) / Math.max(1e-9, o.endFrac));
  return o.startMacs + (o.targetMacs - o.startMacs) * f;
}

/** What the controller sees at one shrink check. */
export interface TargetObservation {
  /** Projected MACs now (see `projectedMacs`): a leading indicator, so ρ reacts before atoms are removed. */
  projected: number;
  /** Projected MACs at the previous check. */
  previous: number;
  /** Planned MACs at the next check. */
  plannedNext: number;
}

/**
 * One controller update [ours]. The L1 pull sets how fast MACs fall, so the controller steers that rate: the drop
 * wanted before the next check (projected − planned) over the drop seen since the last one, ρ ← ρ·wanted/seen,
 * clipped to [1/maxFactor, maxFactor]. Nothing falling while the plan wants a drop: ρ·maxFactor; below the plan:
 * ρ/maxFactor (removed atoms never come back, so undershoot is the error to avoid). A controller on the level
 * (ρ ← ρ·(projected/planned)^g) oscillates here: the plant integrates ρ. Returns the new base ρ (the ramp applies on top).
 */
export function adaptRho(rho: number, obs: TargetObservation, o: TargetOptions): number {
  const wanted = Math.max(0, obs.projected - obs.plannedNext);
  const seen = Math.max(0, obs.previous - obs.projected);
  let f: number;
  if (wanted === 0) f = 1 / o.maxFactor;
  else if (seen <= 0) f = o.maxFactor;
  else f = Math.min(o.maxFactor, Math.max(1 / o.maxFactor, wanted / seen));
  return Math.min(o.maxRho, Math.max(o.minRho, rho * f));
}

/**
 * MACs the network would have without the atoms whose |γ| is at or below `dyingLevel`:
 * `currentMacs − Σ cost_i [|γ_i| ≤ dyingLevel]`. Inputs are per-block gate and cost arrays in the same layout.
 */
export function projectedMacs(
  currentMacs: number,
  gates: readonly Float32Array[],
  costs: readonly Float64Array[],
  dyingLevel: number,
): number {
  let drop = 0;
  gates.forEach((g, b) => {
    const c = costs[b];
    for (let i = 0; i < g.length; i++) if (Math.abs(g[i]) <= dyingLevel) drop += c[i];
  });
  return currentMacs - drop;
}
