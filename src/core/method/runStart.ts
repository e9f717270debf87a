/** What a search run says about itself once built (the worker's answer to `search/start`). Plain data. */
import type { ArchSpec } from '../archspec';

/** What a run says about itself once built (before the first step). */
export interface RunStart {
  /** The network the run starts from (supernet, or the first candidate). */
  spec: ArchSpec;
  macs: number;
  params: number;
  totalSteps: number;
  stepsPerEpoch: number;
  totalEpochs: number;
  /** Method-specific plain facts for the view (PAD-NAS's latency window…). */
  info: Record<string, unknown>;
  /** A line for logs and the UI ("supernet 7.6 M MACs; 375 steps"). */
  summary: string;
}

