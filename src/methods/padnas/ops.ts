/**
 * PAD-NAS's names for the single-path search space, which now lives in core/space/singlePath.ts (any method may search
 * it). Kept so PAD-NAS works unchanged; the PAD-NAS migration into methods/padnas removes this file.
 */
import type { ArchSpec } from '../archspec';
import { genotypeSpec as singlePathSpec, type Genotype, type SkeletonShape } from '../space/singlePath';

export {
  baselineGenotype,
  extremeGenotypes,
  genotypeInSpace,
  genotypeKey,
  OP_FAMILIES,
  opLayer,
  parseOp,
  sampleGenotype,
  SINGLE_PATH_OPS as PADNAS_OPS,
  singlePathSpace as initialSpace,
  SLOT_LAYER_OFFSET,
  slotShapes,
  spaceSizeLog10,
  type Genotype,
  type OpFamily,
  type SinglePathOp as PadOp,
  type SkeletonShape as PadSkeleton,
} from '../space/singlePath';

/** The stand-alone ArchSpec of a genotype, labelled as PAD-NAS's. */
export function genotypeSpec(g: Genotype, sk: SkeletonShape, name = `PAD-NAS ${g.join('-')}`): ArchSpec {
  return singlePathSpec(g, sk, { name, method: 'padnas' });
}
