/**
 * PAD-NAS's one addition to the shared single-path space (core/space/singlePath): the ArchSpec of a genotype labelled
 * as PAD-NAS's (name and `meta.method`), so exported networks and records say where they came from.
 */
import type { ArchSpec } from '../../core/archspec';
import { genotypeSpec, type Genotype, type SkeletonShape } from '../../core/space/singlePath';

/** The stand-alone ArchSpec of a genotype, labelled as PAD-NAS's. */
export function padnasSpec(g: Genotype, sk: SkeletonShape, name = `PAD-NAS ${g.join('-')}`): ArchSpec {
  return genotypeSpec(g, sk, { name, method: 'padnas' });
}
