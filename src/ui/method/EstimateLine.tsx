/** Before Start: "How long here?" measures a few steps of the form's settings on this device ("≈ 35 min here"). */
import type { MethodDescriptor } from '../../methods/descriptor';
import { estimateMethod, estimateText, useEstimates } from '../../state/methodEstimate';
import type { MethodRunStore } from '../../state/methodRuns';
import { useStore } from '../../state/store';

export function EstimateLine({ method: m, run }: { method: MethodDescriptor; run: MethodRunStore }) {
  const state = run((s) => s.state);
  const est = useEstimates((s) => s[m.id] ?? null);
  const config = useStore((s) => JSON.stringify(s.settings.configs[m.id]));
  const ready = useStore((s) => s.dataset !== null && s.backendStatus === 'ready');
  const measuring = est?.status === 'measuring';
  if (!measuring && (state === 'running' || state === 'paused' || state === 'diverged')) return null;
  const current = est && est.config === config;
  let text = '';
  if (measuring) text = 'Measuring a few steps on this device…';
  else if (est?.status === 'error' && current) text = `Could not measure: ${est.message ?? 'unknown error'}`;
  else if (est?.status === 'done' && current) {
    const t = estimateText(est);
    text = t ? `${t} for all ${est.totalSteps?.toLocaleString('en-US')} steps (${Math.round(est.perStepMs ?? 0)} ms per step measured; evaluations add some).` : '';
  } else if (est) text = 'The settings changed since the last measurement: measure again.';
  return (
    <div className="estimate-line button-row">
      <button
        type="button"
        className="button small"
        disabled={!ready || measuring}
        title="Start these settings paused, time 3 steps on this device, reset, and scale to the whole run"
        onClick={() => void estimateMethod(m)}
      >
        How long here?
      </button>
      <span className="small" role="status" data-testid="estimate">
        {text}
      </span>
    </div>
  );
}
