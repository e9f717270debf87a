/**
 * The contract of measuring whole networks' latency on this device (types only): the host lends a meter to a method
 * (MethodContext.latencyMeter; engine/latency/specMeter implements it on tfjs), one unit of work per `step()`.
 */
import type { ArchSpec } from '../archspec';

/** What MethodContext.latencyMeter lends: measurements of whole networks, one unit of work per `step()`. */
export interface LatencyMeter {
  /** Where and how it measures, for records and the screen: e.g. "measured on this device (webgpu, SwiftShader)". */
  readonly label: string;
  /** Units one network takes (its compile and warm-up, then its samples), for progress plans. */
  readonly unitsPerNetwork: number;
  measure(specs: readonly ArchSpec[]): LatencyMeasurement;
}

export interface LatencyMeasurement {
  /** Units of the whole measurement (grows by one when a sample is dropped for a visibility change). */
  readonly totalUnits: number;
  readonly unitsDone: number;
  readonly finished: boolean;
  /** One unit: one network's compile and warm-up, or one sample. */
  step(): Promise<void>;
  /** Per network, in order: its median latency in ms (null when it could not be measured, with the reason). */
  results(): { medianMs: number | null; error: string | null }[];
  dispose(): void;
}
