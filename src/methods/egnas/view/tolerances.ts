/** The tolerances the live view states and draws: the started run's, or before a Start (or after a Reset) the form's. */
export interface ShownTolerances {
  addTol: number;
  dropTol: number;
  microTol: number;
  paramTol: number;
}

/** `v` when it is a finite number, else `d`. */
export const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);

/** `info` is the started run's plain facts (null/undefined before a Start); `config` the settings form's values. */
export function shownTolerances(info: Record<string, unknown> | null | undefined, config: Record<string, unknown> | null | undefined): ShownTolerances {
  const src = info ?? config ?? {};
  return { addTol: num(src.addTol, 0.005), dropTol: num(src.dropTol, 0.005), microTol: num(src.microTol, 0), paramTol: num(src.paramTol, 0) };
}
