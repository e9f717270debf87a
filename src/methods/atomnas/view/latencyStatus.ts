/** Whether the AtomNAS 'latency' penalty can be used now: the search-target profile against the current supernet. */
import { useEffect, useMemo } from 'react';
import { refreshProfiles, selectSearchTarget, useProfiler } from '../../../state/profilerState';
import { useStore } from '../../../state/store';
import { latencyPenaltyStatus, type LatencyPenaltyStatus, type SupernetShapeSettings } from '../latency';

/** Load the stored profiles once (the profiler screen may never have been opened). */
export function useProfilesLoaded(): void {
  useEffect(() => {
    if (!useProfiler.getState().loaded) void refreshProfiles();
  }, []);
}

/** Re-evaluated when the supernet's shape settings, the dataset or the chosen search target change. */
export function useLatencyPenaltyStatus(s: SupernetShapeSettings): LatencyPenaltyStatus {
  const dataset = useStore((st) => st.dataset);
  const profile = useProfiler(selectSearchTarget);
  const { kernels, expansion, width, tiny } = s;
  const kernelKey = kernels.join('-');
  return useMemo(() => {
    const shape = dataset ? { input: { height: dataset.height, width: dataset.width, channels: dataset.channels }, numClasses: dataset.numClasses } : null;
    return latencyPenaltyStatus({ kernels: kernelKey.split('-').map(Number), expansion, width, tiny }, shape, profile);
  }, [kernelKey, expansion, width, tiny, dataset, profile]);
}
