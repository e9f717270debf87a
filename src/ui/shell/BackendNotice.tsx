import { useStore } from '../../state/store';

/** Says why the app is not on WebGPU (or that the adapter is a software one), so a slow run is not a mystery. */
export function BackendNotice() {
  const backend = useStore((s) => s.backend);
  const status = useStore((s) => s.backendStatus);
  const error = useStore((s) => s.backendError);
  const choice = useStore((s) => s.backendChoice);
  if (status === 'failed') {
    return (
      <div className="banner banner-error" role="alert">
        <strong>No compute backend could start.</strong> {error}
      </div>
    );
  }
  if (!backend) return null;
  if (choice?.mode === 'pinned' && backend.backend !== choice.backend) {
    return (
      <div className="banner banner-warn" role="status" data-testid="fallback-notice">
        <strong>
          You chose {choice.backend}, but it did not start here: training on {backend.backend}.
        </strong>{' '}
        {backend.fallbackReasons.map((r) => `${r.backend}: ${r.reason}`).join('; ')}
      </div>
    );
  }
  // Not WebGPU because the user pinned this backend, or because it was timed fastest on this device: say so, no warning.
  if (backend.backend !== 'webgpu' && choice && choice.backend === backend.backend && (choice.mode === 'pinned' || choice.probe)) {
    return (
      <div className="banner banner-info" role="status" data-testid="backend-choice-notice">
        <strong>Training on {backend.backend}</strong>
        {choice.mode === 'pinned'
          ? `, as you chose (backend=${backend.backend} in the link).`
          : `: WebGPU on this device is a software adapter, and ${backend.backend} trained fastest when the backends were timed (see "why ${backend.backend}?" in the header).`}
      </div>
    );
  }
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
