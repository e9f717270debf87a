/**
 * "A Train run was interrupted at step N of M": after a reload, a closed tab, a crashed worker or a lost GPU, the
 * latest checkpoint of an interrupted Train run is offered for resume (issue 16 §1). When the run trained on other
 * data, the banner names it and asks for those files first.
 */
import { useSavedRuns } from '../../state/savedRuns';
import { useStore } from '../../state/store';
import { dismissResume, resumableRuns, resumeTrainRun, useResume } from '../../state/trainResume';

const when = (iso: string) => new Date(iso).toLocaleString();

export function ResumeBanner() {
  const runs = useSavedRuns((s) => s.runs);
  const checkpoints = useSavedRuns((s) => s.checkpoints);
  const { dismissed, problem } = useResume();
  const runState = useStore((s) => s.runState);
  const busy = runState === 'running' || runState === 'paused';
  const offer = resumableRuns({ runs, checkpoints }).filter((r) => !dismissed.has(r.id))[0];
  if (!offer || busy) return null;
  const { step, totalSteps, savedAt } = offer.info;
  return (
    <div className="notice resume-banner" role="status" aria-live="polite">
      <p>
        <strong>A Train run was interrupted</strong> at step {step} of {totalSteps} (checkpoint saved {when(savedAt)}). It can go on from there with
        the settings it started with; the steps after that checkpoint are done again.
      </p>
      {problem && <p className="error-text">{problem}</p>}
      <div className="row-actions">
        <button type="button" className="primary" onClick={() => void resumeTrainRun(offer.id)}>
          Resume from step {step}
        </button>
        <button type="button" onClick={() => dismissResume(offer.id)}>
          Not now
        </button>
      </div>
    </div>
  );
}
