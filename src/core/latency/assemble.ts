/**
 * Turn raw measurements into a LatencyProfile (pure, so every number the profiler reports is computed by code that is
 * unit-tested in Node): per-channel line fits, ΣLUT / dispatches / MACs / bytes per network, the seeded fit / held-out
 * split, the fitted predictor and its report beside the baselines.
 */

import type { ArchSpec } from '../archspec';
import { rngStream } from '../rng';
import { evaluateCellNets } from './cellNets';
import { specDispatches } from './dispatches';
import { modeParams, type PlannedEntry, perChannelFamilies } from './plan';
import { predictLatency } from './predict';
import { fitAndEvaluate, fitLine, splitFitHeldOut, type LatencySample } from './predictor';
import {
  PROFILE_FORMAT, PROFILE_VERSION, type DeviceCard, type E2eEntry, type LatencyProfile, type LutEntry, type PerChannelFit,
  type ProfileSettings, type Roofline,
} from './profileSchema';
import { specWork } from './roofline';

/** One network measured end to end. */
export interface E2eMeasurement {
  name: string;
  family: E2eEntry['family'];
  spec: ArchSpec;
  medianMs: number;
  madMs: number;
  samples: number;
  dispatchesCounted: number | null;
}

export interface AssembleInput {
  id: string;
  name: string;
  createdAt: string;
  durationMs: number;
  partial: boolean;
  settings: ProfileSettings;
  device: DeviceCard;
  /** The planned entries (for the per-channel families) and the measured ones. */
  plan: readonly PlannedEntry[];
  lut: Record<string, LutEntry>;
  e2e: readonly E2eMeasurement[];
  roofline: Roofline | null;
}

/** Fit branch latency vs hidden width for every slot × kernel whose ≥ 2 widths were measured. */
export function fitPerChannel(plan: readonly PlannedEntry[], lut: Record<string, LutEntry>): Record<string, PerChannelFit> {
  const out: Record<string, PerChannelFit> = {};
  for (const [key, fam] of perChannelFamilies(plan)) {
    const pts = fam.keys.map((k, i) => ({ w: fam.widths[i], e: lut[k] })).filter((p) => p.e !== undefined);
    if (new Set(pts.map((p) => p.w)).size < 2) continue;
    const { slope, intercept } = fitLine(pts.map((p) => p.w), pts.map((p) => p.e.medianMs));
    out[key] = { slopeMs: slope, interceptMs: intercept, widths: pts.map((p) => p.w).sort((a, b) => a - b), slot: fam.slot };
  }
  return out;
}

/**
 * Assemble the profile; the predictor is fitted when ≥ 4 networks (cell networks not counted) can be priced from the
 * LUT (else null). Cell networks (family 'cell-net') are never fitted nor in the held-out split: with a predictor they
 * get split 'cell-check' and the report's `cells` (core/latency/cellNets) when ≥ 2 of them can be priced.
 */
export function assembleProfile(inp: AssembleInput): LatencyProfile {
  const perChannel = fitPerChannel(inp.plan, inp.lut);
  const profile: LatencyProfile = {
    format: PROFILE_FORMAT, version: PROFILE_VERSION, id: inp.id, name: inp.name, createdAt: inp.createdAt,
    durationMs: inp.durationMs, partial: inp.partial, settings: inp.settings, device: inp.device, lut: inp.lut, perChannel,
    e2e: [], predictor: null, roofline: inp.roofline,
  };
  const rows = inp.e2e.map((m) => {
    const pred = predictLatency(m.spec, profile);
    const { macs, bytes } = specWork(m.spec);
    return { m, sumLutMs: pred.missing.length ? NaN : pred.sumLutMs, macs, bytes, dispatches: specDispatches(m.spec, { workgroupThreshold: inp.device.workgroupThreshold }).total };
  });
  const priced = rows.map((r, i) => (Number.isFinite(r.sumLutMs) && r.m.medianMs > 0 ? i : -1)).filter((i) => i >= 0);
  const usable = priced.filter((i) => rows[i].m.family !== 'cell-net');
  const cellNets = priced.filter((i) => rows[i].m.family === 'cell-net');
  const heldOutWanted = modeParams(inp.settings.mode).heldOut;
  const nHeld = Math.min(heldOutWanted, Math.floor(usable.length / 3));
  const split = new Map<number, E2eEntry['split']>();
  let predicted = rows.map(() => NaN);
  if (usable.length >= 4 && nHeld >= 1) {
    const s = splitFitHeldOut(usable.length, nHeld, rngStream(inp.settings.seed, 'latency-split'));
    const fitIdx = s.fit.map((i) => usable[i]);
    const heldIdx = s.heldOut.map((i) => usable[i]);
    fitIdx.forEach((i) => split.set(i, 'fit'));
    heldIdx.forEach((i) => split.set(i, 'heldout'));
    const samples: LatencySample[] = rows.map((r) => ({ sumLutMs: r.sumLutMs, dispatches: r.dispatches, macs: r.macs, measuredMs: r.m.medianMs }));
    const res = fitAndEvaluate(samples, fitIdx, heldIdx);
    predicted = rows.map((r) => (Number.isFinite(r.sumLutMs) ? res.model.a * r.sumLutMs + res.model.b * r.dispatches + res.model.c : NaN));
    const cells = evaluateCellNets(
      cellNets.map((i) => ({ name: rows[i].m.name, measuredMs: rows[i].m.medianMs, partsMs: predicted[i], cells: rows[i].m.spec.layers.filter((l) => l.type === 'cell').length })),
    );
    if (cells) cellNets.forEach((i) => split.set(i, 'cell-check'));
    profile.predictor = { ...res.model, report: cells ? { ...res.report, cells } : res.report };
  }
  profile.e2e = rows.map((r, i) => ({
    name: r.m.name, family: r.m.family, split: split.get(i) ?? 'none', spec: r.m.spec, measuredMs: r.m.medianMs, madMs: r.m.madMs,
    predictedMs: predicted[i], sumLutMs: r.sumLutMs, macs: r.macs, dispatches: r.dispatches, dispatchesCounted: r.m.dispatchesCounted, bytes: r.bytes,
  }));
  return profile;
}
