/**
 * What an AtomNAS search's checkpoint holds besides the step count (MethodCheckpoint.state), and its check on restore.
 * The network's shape is not stored as weights alone: the shrink plans applied so far are, so a fresh run replays them
 * (the same slicing of the network, its EMA copy and optimizer state) and is then the saved architecture before the
 * saved weights load. The replayed spec is compared with the saved one.
 */
import type { ArchSpec } from '../../../core/archspec';
import type { HistoryRow } from '../../../core/method/resultRecord';
import type { TrainerCheckpoint } from '../../../engine/trainer';
import type { AtomNasShrinkEvent, AtomNasValPoint } from '../snapshot';
import type { ShrinkPlan } from './shrinkPlan';

/** A shrink plan as plain data. */
export interface SavedPlan {
  blocks: { layer: number; keep: number[]; removed: boolean }[];
  deadAtoms: number;
  deadCost: number;
}

export interface AtomNasResumeState {
  v: 1;
  /** Every shrink applied, in order. */
  plans: SavedPlan[];
  /** The network's spec after them (checked against the replay). */
  spec: ArchSpec;
  trainer: TrainerCheckpoint;
  /** The EMA network's evaluator: its weights and its BN re-estimation stream (null without EMA). */
  evalTrainer: TrainerCheckpoint | null;
  baseRho: number;
  rhoNow: number;
  macs: number;
  params: number;
  events: AtomNasShrinkEvent[];
  history: HistoryRow[];
  epochLoss: { sum: number; n: number };
  gates: Float32Array[];
  gateStep: number;
  lastProjected: number;
  planned: number | null;
  lastVal: AtomNasValPoint | null;
}

export function savePlan(p: ShrinkPlan): SavedPlan {
  return { blocks: p.blocks.map((b) => ({ layer: b.layer, keep: Array.from(b.keep), removed: b.removed })), deadAtoms: p.deadAtoms, deadCost: p.deadCost };
}

export function loadPlan(p: SavedPlan): ShrinkPlan {
  return { blocks: p.blocks.map((b) => ({ layer: b.layer, keep: Int32Array.from(b.keep), removed: b.removed })), deadAtoms: p.deadAtoms, deadCost: p.deadCost, triggered: true };
}

/** The state, checked for shape (the trainer checks its own part); throws in plain words when it is not one. */
export function readResumeState(raw: unknown): AtomNasResumeState {
  const s = raw as Partial<AtomNasResumeState> | null;
  const ok =
    s && s.v === 1 && Array.isArray(s.plans) && s.spec && s.trainer && Array.isArray(s.events) && Array.isArray(s.history) &&
    Array.isArray(s.gates) && s.gates.every((g) => g instanceof Float32Array) && s.epochLoss && typeof s.baseRho === 'number';
  if (!ok) throw new RangeError('the checkpoint is not one of an AtomNAS search of this version');
  if (s.plans!.some((p) => !p || !Array.isArray(p.blocks) || p.blocks.some((b) => !Array.isArray(b.keep)))) {
    throw new RangeError('the checkpoint of this AtomNAS search has a damaged shrink plan');
  }
  return s as AtomNasResumeState;
}
