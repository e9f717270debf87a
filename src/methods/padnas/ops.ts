/**
 * PAD-NAS's one addition to the shared single-path space (core/space/singlePath): the ArchSpec of a genotype labelled
 * as PAD-NAS's (name and `meta.method`), so exported networks and records say where they came from.
 */
import type { ArchSpec } from '../../core/archspec';
import { genotypeSpec, SINGLE_PATH_OPS, type Genotype, type SkeletonShape } from '../../core/space/singlePath';

/** The stand-alone ArchSpec of a genotype, labelled as PAD-NAS's. */
export function padnasSpec(g: Genotype, sk: SkeletonShape, name = `PAD-NAS ${g.join('-')}`): ArchSpec {
  return genotypeSpec(g, sk, { name, method: 'padnas' });
}

/**
 * The heatmap's op columns for a space: the hand-designed space (every op an MB name or identity) keeps all seven
 * single-path ops in their usual order; a given space (cell names) lists the single-path ops it uses, then its cells in
 * order of first appearance (slot by slot).
 */
export function spaceColumns(space: readonly (readonly string[])[]): string[] {
  const all = space.flat();
  const mb = SINGLE_PATH_OPS as readonly string[];
  if (all.every((op) => mb.includes(op))) return [...mb];
  return [...mb.filter((op) => all.includes(op)), ...new Set(all.filter((op) => !mb.includes(op)))];
}
