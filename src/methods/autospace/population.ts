/**
 * The evolving cell populations of the AutoSpace-style search (METHODS.md §4, pure): one population of cells per
 * searched slot, K distinct cells drawn per iteration by tournament selection on fitness (core/search/selection), each
 * drawn cell's fitness updated from its mixing weight softmax(α), the fittest cells mutated into new ones (core/space/cell
 * `mutateCell`) and the least fit dropped. The reference cell (MB k3 e3) never leaves a population.
 */
import { tournament } from '../../core/search/selection';
import { cellName, mutateCell, parseCell, REFERENCE_CELL } from '../../core/space/cell';
import type { CellState } from './snapshot';

/** The reference architecture's cell name, `c3-zz3zzz`. */
export const REFERENCE_NAME = cellName(REFERENCE_CELL);

/** Fitness a new cell starts with: what an even share of the K mixing weights gives (K · 1/K). */
export const START_FITNESS = 1;

/** Fitter first; equal fitness keeps population order. */
const byFitness = (cells: readonly CellState[]): CellState[] =>
  cells
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.fitness - a.c.fitness || a.i - b.i)
    .map((x) => x.c);

/**
 * The first population of a slot: the reference cell and `size − 1` distinct cells, each a one-place mutation of a cell
 * already in it (so they start near the reference and spread out). Fewer only if mutation keeps failing (never in practice).
 */
export function initialPopulation(size: number, stride: number, next: () => number): CellState[] {
  const cells: CellState[] = [{ name: REFERENCE_NAME, fitness: START_FITNESS, born: 0, reference: true }];
  const names = new Set([REFERENCE_NAME]);
  for (let tries = 0; cells.length < size && tries < 50 * size; tries++) {
    const parent = cells[Math.floor(next() * cells.length)];
    const name = cellName(mutateCell(parseCell(parent.name), stride, next));
    if (names.has(name)) continue;
    names.add(name);
    cells.push({ name, fitness: START_FITNESS, born: 0, reference: false });
  }
  return cells;
}

/** K distinct cells by repeated binary tournament on fitness (each winner leaves the pool), in draw order. */
export function drawPicks(cells: readonly CellState[], k: number, next: () => number): string[] {
  const pool = cells.slice();
  const picks: string[] = [];
  while (picks.length < k && pool.length > 0) {
    const won = tournament(pool, next, (a, b) => b.fitness - a.fitness);
    picks.push(won.name);
    pool.splice(pool.indexOf(won), 1);
  }
  return picks;
}

/** softmax of plain numbers (the mixing weights of one slot's picks). */
export function softmax(alpha: readonly number[]): number[] {
  const m = Math.max(...alpha);
  const e = alpha.map((a) => Math.exp(a - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/**
 * New fitness of the picked cells from their mixing weights `weights` (softmax(α), same order as `picks`):
 * fitness ← (1 − ema)·fitness + ema·K·weight. Cells not picked keep theirs. Returns a new list.
 */
export function updateFitness(cells: readonly CellState[], picks: readonly string[], weights: readonly number[], ema: number): CellState[] {
  const k = picks.length;
  return cells.map((c) => {
    const i = picks.indexOf(c.name);
    return i < 0 ? c : { ...c, fitness: (1 - ema) * c.fitness + ema * k * weights[i] };
  });
}

/** What one population update did. */
export interface PopulationChange {
  cells: CellState[];
  /** New cells with the parent each was mutated from. */
  added: { name: string; parent: string }[];
  dropped: string[];
}

/**
 * After an iteration: each of the `mutations` fittest cells is mutated (valid at `stride`, a name not yet in the
 * population) into a child that inherits its fitness and is born at `iteration`; then the least fit cells leave until
 * `size` remain, never the reference cell nor this iteration's children (ties: the later in the list leaves first).
 */
export function evolvePopulation(
  cells: readonly CellState[],
  o: { size: number; mutations: number; stride: number; iteration: number; next: () => number },
): PopulationChange {
  const names = new Set(cells.map((c) => c.name));
  const added: { name: string; parent: string }[] = [];
  const children: CellState[] = [];
  for (const parent of byFitness(cells).slice(0, o.mutations)) {
    for (let t = 0; t < 32; t++) {
      const name = cellName(mutateCell(parseCell(parent.name), o.stride, o.next));
      if (names.has(name)) continue;
      names.add(name);
      added.push({ name, parent: parent.name });
      children.push({ name, fitness: parent.fitness, born: o.iteration, reference: false });
      break;
    }
  }
  const all = [...cells, ...children];
  const droppable = all
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => !c.reference && !children.includes(c))
    .sort((a, b) => a.c.fitness - b.c.fitness || b.i - a.i);
  const dropped = new Set(droppable.slice(0, Math.max(0, all.length - o.size)).map((x) => x.c.name));
  return { cells: all.filter((c) => !dropped.has(c.name)), added, dropped: [...dropped] };
}

/** A slot's K fittest cells (its learned space), fitter first. */
export function topK(cells: readonly CellState[], k: number): string[] {
  return byFitness(cells)
    .slice(0, k)
    .map((c) => c.name);
}
