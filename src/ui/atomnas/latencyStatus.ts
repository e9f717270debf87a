/** Whether the AtomNAS 'latency' penalty can be used now: the search-target profile against the current supernet. */
import { useEffect, useMemo } from 'react';
import { latencyPenaltyStatus, type LatencyPenaltyStatus } from '../../core/atomnasLatency';
import { atomnasFromUrl } from '../../core/atomnasSettings';
import { refreshProfiles, selectSearchTarget, useProfiler } from '../../state/profilerState';
import { useStore } from '../../state/store';

/** Load the stored profiles once (the profiler screen may never have been opened). */
export function useProfilesLoaded(): void {
  useEffect(() => {
    if (!useProfiler.getState().loaded) void refreshProfiles();
  }, []);
}

/** Re-evaluated when the settings, the dataset or the chosen search target change. */
export function useLatencyPenaltyStatus(): LatencyPenaltyStatus {
  const settings = useStore((s) => s.settings);
  const dataset = useStore((s) => s.dataset);
  const profile = useProfiler(selectSearchTarget);
  return useMemo(() => {
    const shape = dataset ? { input: { height: dataset.height, width: dataset.width, channels: dataset.channels }, numClasses: dataset.numClasses } : null;
    return latencyPenaltyStatus(atomnasFromUrl(settings), shape, profile);
  }, [settings, dataset, profile]);
}
