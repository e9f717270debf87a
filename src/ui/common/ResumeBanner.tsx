/**
 * "A Train run (or a search) was interrupted at step N of M": after a reload, a closed tab, a crashed worker or a lost
 * GPU, the latest checkpoint of an interrupted run of this screen (`method`: 'train' or a method id) is offered for
 * resume (issue 16 §1). When the run used other data, the banner names it and asks for those files first.
 */
import { methodTab } from '../../methods/registry';
import { methodRunStore } from '../../state/methodRuns';
import { dismissResume, resumableRuns, useResume } from '../../state/resume';
import { resumeRun } from '../../state/resumeRun';
import { useSavedRuns } from '../../state/savedRuns';
import { useStore } from '../../state/store';

const when = (iso: string) => new Date(iso).toLocaleString();

export function ResumeBanner({ method = 'train' }: { method?: string }) {
  const trainBusy = useStore((s) => s.runState === 'running' || s.runState === 'paused');
  return method === 'train' ? <Offer method="train" busy={trainBusy} /> : <MethodOffer method={method} />;
}

function MethodOffer({ method }: { method: string }) {
  const busy = methodRunStore(method)((s) => s.state === 'running' || s.state === 'paused');
  return <Offer method={method} busy={busy} />;
}

function Offer({ method, busy }: { method: string; busy: boolean }) {
  const runs = useSavedRuns((s) => s.runs);
  const checkpoints = useSavedRuns((s) => s.checkpoints);
  const { dismissed, problem } = useResume();
  const offer = resumableRuns({ runs, checkpoints }, method).filter((r) => !dismissed.has(r.id))[0];
  if (!offer || busy) return null;
  const { step, totalSteps, savedAt } = offer.info;
  const what = method === 'train' ? 'A Train run' : `A search (${methodTab(method)})`;
  return (
    <div className="notice resume-banner" role="status" aria-live="polite">
      <p>
        <strong>{what} was interrupted</strong> at step {step} of {totalSteps} (checkpoint saved {when(savedAt)}). It can go on from there with
        the settings it started with; the steps after that checkpoint are done again.
      </p>
      {problem && <p className="error-text">{problem}</p>}
      <div className="row-actions">
        <button type="button" className="primary" onClick={() => void resumeRun(offer.id)}>
          Resume from step {step}
        </button>
        <button type="button" onClick={() => dismissResume(offer.id)}>
          Not now
        </button>
      </div>
    </div>
  );
}
