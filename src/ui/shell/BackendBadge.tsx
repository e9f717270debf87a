import { useStore } from '../../state/store';

/** Backend in use and the WebGPU adapter (vendor, architecture, software/fallback flag). */
export function BackendBadge() {
  const backend = useStore((s) => s.backend);
  const status = useStore((s) => s.backendStatus);
  if (status === 'starting') return <span className="badge badge-muted" data-testid="backend-badge">starting…</span>;
  if (status === 'failed' || !backend) return <span className="badge badge-error" data-testid="backend-badge">no backend</span>;
  const a = backend.adapter;
  return (
    <span className="backend">
      <span className={`badge ${backend.backend === 'webgpu' ? 'badge-ok' : 'badge-warn'}`} data-testid="backend-badge" title="tfjs backend in use">
        {backend.backend}
      </span>
      {a && (
        <span className="adapter" data-testid="adapter" title={a.description || undefined}>
          {[a.vendor, a.architecture].filter(Boolean).join(' · ') || 'unknown adapter'}
          {a.isFallbackAdapter && <span className="badge badge-warn small">software/fallback adapter</span>}
        </span>
      )}
    </span>
  );
}
