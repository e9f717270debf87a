/**
 * The one result record (issue 11 §3). Every finished Train run and every search yields one; the CLI's JSON is one;
 * the comparison screen and saved runs read them. Method-specific fields (AtomNAS's shrink events, random search's
 * candidates…) sit beside the common ones at the top level.
 */
import { z } from 'zod';
import type { ArchSpec } from '../archspec';

export const RECORD_VERSION = 1;

/** The data a run used, as its card names it. */
export interface DatasetCard {
  name: string;
  source: string;
  files: string[];
  n: number;
  shape: [number, number, number];
  classes: number;
}

/** The sizes of a run's seeded train / val / test split. */
export interface SplitSizes {
  seed: number;
  train: number;
  val: number;
  test: number;
}

/** Everything needed to reproduce or cite a run (ARCHITECTURE: every result carries its context). */
export interface RunCardRecord {
  seed: number;
  backend: string;
  adapter: string;
  tfjsVersion: string;
  /** The machine in a few words ("Chrome 150 on Linux", "Node v20.19.2 on linux x64, … × 2"); absent in older records. */
  host?: string;
  /** The code that ran ("0.1.0+9f0a7d3"); absent in older records. */
  appVersion?: string;
  dataset: DatasetCard;
  /** Sizes actually used (train after any seeded subset). */
  split: SplitSizes;
  /** Every setting of the run (the method's full config). */
  settings: Record<string, unknown>;
  wallSeconds: number;
  /** ISO date of the end of the run. */
  date: string;
  /** CLI command line, or the app's link with the run's settings. */
  command?: string;
  url?: string;
}

/** Predicted latency of the result on a profiled device (never measured here: the label says so). */
export interface RecordLatency {
  ms: number;
  profileId: string;
  profileName: string;
  label: string;
}

/** A profile was given but cannot price the result (its ops were not measured, e.g. a quick profile and a 7×7 kernel). */
export interface RecordLatencyUnpriced {
  profileName: string;
  /** LUT keys of the ops the profile has no entry for (at most 20). */
  missing: string[];
}

/** One row of a run's history (per epoch or per evaluation); fields vary by method, all plain numbers. */
export type HistoryRow = Record<string, number | string | null>;

export interface ResultRecord {
  version: typeof RECORD_VERSION;
  runId: string;
  /** 'train' or a method id. */
  method: string;
  /** Human label of the method ("Random search"). */
  label: string;
  card: RunCardRecord;
  archSpec: ArchSpec;
  macs: number;
  params: number;
  valAccuracy: number | null;
  testAccuracy: number | null;
  latency: RecordLatency | null;
  /** Set when `latency` is null although a profile was given: which ops it lacks (older records have no such field). */
  latencyUnpriced?: RecordLatencyUnpriced;
  history: HistoryRow[];
  /** Method-specific fields (events, candidates, ranking…). */
  [extra: string]: unknown;
}

const finiteOrNull = z.number().nullable();

/** Shape check for a record read back from a file or storage (the ArchSpec is checked by its own validator). */
export const resultRecordSchema = z.looseObject({
  version: z.literal(RECORD_VERSION),
  runId: z.string().min(1),
  method: z.string().min(1),
  label: z.string(),
  card: z.looseObject({
    seed: z.number(),
    backend: z.string(),
    adapter: z.string(),
    tfjsVersion: z.string(),
    host: z.string().max(200).optional(),
    appVersion: z.string().max(100).optional(),
    dataset: z.looseObject({ name: z.string(), n: z.number() }),
    split: z.object({ seed: z.number(), train: z.number(), val: z.number(), test: z.number() }),
    settings: z.record(z.string(), z.unknown()),
    wallSeconds: z.number(),
    date: z.string(),
  }),
  archSpec: z.looseObject({ layers: z.array(z.unknown()) }),
  macs: z.number(),
  params: z.number(),
  valAccuracy: finiteOrNull,
  testAccuracy: finiteOrNull,
  latency: z.object({ ms: z.number(), profileId: z.string(), profileName: z.string(), label: z.string() }).nullable(),
  latencyUnpriced: z.object({ profileName: z.string().max(300), missing: z.array(z.string().max(300)).max(20) }).optional(),
  history: z.array(z.record(z.string(), z.union([z.number(), z.string(), z.null()]))),
});

/** JSON has no NaN: accuracies not measured are null. */
export function accOrNull(v: number | null | undefined): number | null {
  return v === null || v === undefined || !Number.isFinite(v) ? null : v;
}
