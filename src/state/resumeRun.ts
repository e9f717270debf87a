/** Resume any interrupted run from its checkpoint: a Train run (trainResume.ts) or a search (searchResume.ts). */
import { getMethod } from '../methods/registry';
import { useSavedRuns } from './savedRuns';
import { resumeSearchRun } from './searchResume';
import { resumeTrainRun } from './trainResume';

/** The app screen (URL `screen`) where run `id` resumes: Train's or its method's. */
export function resumeScreen(id: string): string {
  const method = useSavedRuns.getState().runs.find((r) => r.id === id)?.method ?? 'train';
  return method === 'train' ? 'train' : (getMethod(method)?.id ?? 'train');
}

/** Returns false (with useResume's `problem` set) when it cannot start. */
export function resumeRun(id: string): Promise<boolean> {
  return resumeScreen(id) === 'train' ? resumeTrainRun(id) : resumeSearchRun(id);
}
