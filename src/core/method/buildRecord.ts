/**
 * Assemble a ResultRecord from what a run found and where it ran. Pure: costs are analytic, latency is predicted
 * with the profile (labelled as predicted), accuracies that were not measured become null.
 */
import type { ArchSpec } from '../archspec';
import { archCosts } from '../costs';
import { predictLatency } from '../latency/predict';
import type { LatencyProfile } from '../latency/profileSchema';
import { accOrNull, RECORD_VERSION, type HistoryRow, type RecordLatency, type RecordLatencyUnpriced, type ResultRecord, type RunCardRecord } from './resultRecord';

/** The label every predicted latency carries. */
export function predictedLabel(profileName: string): string {
  return `predicted (profile ${profileName})`;
}

/** Predicted latency of a spec, or null when there is no profile or it cannot price the spec. */
export function recordLatency(spec: ArchSpec, profile: LatencyProfile | null): RecordLatency | null {
  return pricedOrWhyNot(spec, profile).latency;
}

/** The predicted latency, or (a profile given, no price) the ops the profile lacks, so that the card can say why. */
function pricedOrWhyNot(spec: ArchSpec, profile: LatencyProfile | null): { latency: RecordLatency | null; unpriced?: RecordLatencyUnpriced } {
  if (!profile) return { latency: null };
  let ms: number;
  let missing: string[] = [];
  try {
    const p = predictLatency(spec, profile);
    ms = p.ms;
    missing = p.missing;
  } catch {
    ms = Number.NaN;
  }
  if (!Number.isFinite(ms) || ms <= 0) return { latency: null, unpriced: { profileName: profile.name, missing: missing.slice(0, 20) } };
  return { latency: { ms, profileId: profile.id, profileName: profile.name, label: predictedLabel(profile.name) } };
}

export interface RecordInput {
  runId: string;
  method: string;
  label: string;
  card: RunCardRecord;
  archSpec: ArchSpec;
  valAccuracy: number | null;
  testAccuracy: number | null;
  history: HistoryRow[];
  extras?: Record<string, unknown>;
  profile: LatencyProfile | null;
}

/** The record; method extras never overwrite a common field. */
export function buildRecord(r: RecordInput): ResultRecord {
  const c = archCosts(r.archSpec);
  const priced = pricedOrWhyNot(r.archSpec, r.profile);
  const common = {
    version: RECORD_VERSION,
    runId: r.runId,
    method: r.method,
    label: r.label,
    card: r.card,
    archSpec: r.archSpec,
    macs: c.macs,
    params: c.params,
    valAccuracy: accOrNull(r.valAccuracy),
    testAccuracy: accOrNull(r.testAccuracy),
    latency: priced.latency,
    ...(priced.unpriced ? { latencyUnpriced: priced.unpriced } : {}),
    history: r.history,
  } satisfies ResultRecord;
  const extras = Object.fromEntries(Object.entries(r.extras ?? {}).filter(([k]) => !(k in common)));
  return { ...extras, ...common };
}
