import { useStore } from '../../state/store';

/** Says why the app is not on WebGPU (or that the adapter is a software one), so a slow run is not a mystery. */
export function BackendNotice() {
  const backend = useStore((s) => s.backend);
  const status = useStore((s) => s.backendStatus);
  const error = useStore((s) => s.backendError);
  if (status === 'failed') {
    return (
      <div className="banner banner-error" role="alert">
        <strong>No compute backend could start.</strong> {error}
      </div>
    );
  }
  if (!backend) return null;
  if (backend.backend !== 'webgpu') {
    return (
      <div className="banner banner-warn" role="status" data-testid="fallback-notice">
        <strong>Running on {backend.backend}, not WebGPU.</strong> Training works but is slower. Why:
        <ul>
          {backend.fallbackReasons.map((r) => (
            <li key={r.backend}>
              {r.backend}: {r.reason}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return null;
}
