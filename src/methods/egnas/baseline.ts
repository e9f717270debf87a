/**
 * The hand-designed baseline Efficient Global NAS is compared with (issue 12 §8): the Train screen's network (every
 * slot MBConv k3 e3, core/skeleton) at the width multiplier whose parameter count is nearest the found chain's. Pure.
 */
import type { ArchSpec } from '../../core/archspec';
import { archCosts } from '../../core/costs';
import { baselineSpec } from '../../core/skeleton';
import type { ChainTask } from './chain';

/** Width multipliers tried: 0.05 to 4 in steps of 0.01 (channels are rounded, so finer steps give the same networks). */
const WIDTHS = Array.from({ length: 396 }, (_, i) => (i + 5) / 100);

export interface NearestBaseline {
  spec: ArchSpec;
  /** The width multiplier it was built with. */
  width: number;
  params: number;
  macs: number;
}

/**
 * The baseline whose parameter count is nearest `target` (ties: the narrower one). The stride-2 stem of the tiny
 * preset goes with the skeleton's tiny variant (its stem has stride 2 too), so both see the same resolution.
 */
export function nearestBaseline(task: ChainTask, target: number): NearestBaseline {
  if (!(target > 0) || !Number.isFinite(target)) throw new RangeError(`the parameter count to match must be a positive number, got ${target}`);
  const tiny = (task.stemStride ?? 1) === 2;
  let best: NearestBaseline | null = null;
  let lastParams = -1;
  for (const width of WIDTHS) {
    const spec = baselineSpec({ input: task.input, numClasses: task.numClasses, width, tiny });
    const { params, macs } = archCosts(spec);
    if (params === lastParams) continue; // the same channels as the narrower width before it
    lastParams = params;
    if (!best || Math.abs(params - target) < Math.abs(best.params - target)) best = { spec, width, params, macs };
    if (params > target) break; // parameters only grow with the width: nothing wider is nearer
  }
  return best!;
}
