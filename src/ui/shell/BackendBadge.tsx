import { useStore } from '../../state/store';
import { BackendPicker, BackendWhy } from './BackendChoiceView';

/** Backend in use, how it was chosen, the user's override, and the WebGPU adapter (vendor, architecture, software flag). */
export function BackendBadge() {
  const backend = useStore((s) => s.backend);
  const status = useStore((s) => s.backendStatus);
  const probing = useStore((s) => s.backendProbing);
  const choice = useStore((s) => s.backendChoice);
  if (probing) {
    return (
      <span className="backend">
        <span className="badge badge-muted" data-testid="backend-badge" role="status">
          timing {probing.backend}…
        </span>
        <span className="adapter">choosing the fastest backend for this device (≤ 10 s, once)</span>
      </span>
    );
  }
  if (status === 'starting') return <span className="badge badge-muted" data-testid="backend-badge">starting…</span>;
  if (status === 'failed' || !backend) return <span className="badge badge-error" data-testid="backend-badge">no backend</span>;
  const a = backend.adapter;
  const chosen = choice?.mode === 'auto' && choice.probe !== undefined && backend.backend === choice.backend;
  return (
    <span className="backend">
      <span
        className={`badge ${backend.backend === 'webgpu' || chosen ? 'badge-ok' : 'badge-warn'}`}
        data-testid="backend-badge"
        title="tfjs backend in use"
      >
        {backend.backend}
      </span>
      <BackendPicker />
      <BackendWhy />
      {a && (
        <span className="adapter" data-testid="adapter" title={a.description || undefined}>
          {[a.vendor, a.architecture].filter(Boolean).join(' · ') || 'unknown adapter'}
          {a.isFallbackAdapter && <span className="badge badge-warn small">software/fallback adapter</span>}
        </span>
      )}
    </span>
  );
}
