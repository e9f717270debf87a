/**
 * The payoff stage's last part (run/payoff.ts, stage 'measure'): the trained networks' inference latency measured on
 * this device (the browser: the host's MethodContext.latencyMeter), one unit per step. Measured medians then replace
 * the cost model's values on both fronts, kept as `modelCost`; if any network cannot be measured, both fronts keep the
 * cost model (one axis for all) and the notice says why.
 */
import type { LatencyMeasurement } from '../../../core/latency/meter';
import { genotypeSpec, type SkeletonShape } from '../../../core/space/singlePath';
import type { MethodContext } from '../../runTypes';
import type { FrontPoint, PayoffState } from '../snapshot';

export class PayoffMeasure {
  /** The trained networks' latency being measured, one unit per step (null before the first unit and once done). */
  private measurement: LatencyMeasurement | null = null;
  /** The meter's label once every trained network was measured (their costs are then measured ms). */
  label: string | null = null;
  /** Why measured latency could not replace the cost model (a network that could not be measured). */
  notice: string | null = null;

  constructor(
    private readonly ctx: MethodContext,
    private readonly skeleton: SkeletonShape,
  ) {}

  /** The fronts' cost unit: ms once measured, else the cost model's unit `modelUnit`. */
  unit(modelUnit: PayoffState['unit']): PayoffState['unit'] {
    return this.label !== null ? 'ms' : modelUnit;
  }

  /**
   * One unit of measuring `points` (both fronts' trained networks, changed in place once all are measured); true when
   * done. `modelUnit`: the cost model's unit, named in the notice when a network cannot be measured.
   */
  async step(points: FrontPoint[], modelUnit: PayoffState['unit']): Promise<boolean> {
    const meter = this.ctx.latencyMeter;
    if (!meter || points.length === 0) return true;
    this.measurement ??= meter.measure(points.map((p) => genotypeSpec(p.genotype, this.skeleton, { name: p.genotype.join('-'), method: 'autospace' })));
    const m = this.measurement;
    await m.step();
    if (!m.finished) return false;
    const results = m.results();
    m.dispose();
    this.measurement = null;
    const bad = results.findIndex((r) => r.medianMs === null);
    if (bad >= 0) {
      this.notice = `${points[bad].genotype.join('-')} could not be measured on this device (${results[bad].error ?? 'too few samples kept'}), so the fronts keep ${this.unit(modelUnit) === 'ms' ? 'the predicted latency' : 'MACs'}.`;
      this.ctx.log?.(`payoff: ${this.notice}`);
      return true;
    }
    points.forEach((p, i) => {
      p.modelCost = p.cost;
      p.cost = results[i].medianMs as number;
    });
    this.label = meter.label;
    this.ctx.log?.(`payoff: ${points.length} networks ${meter.label}: ${results.map((r) => (r.medianMs as number).toPrecision(3)).join(', ')} ms`);
    return true;
  }

  /** Free a measurement in progress. */
  dispose(): void {
    this.measurement?.dispose();
    this.measurement = null;
  }
}
