import { useStore } from '../../state/store';

/** Dismissable banners: adjusted link settings, worker crashes, worker errors. */
export function Notices() {
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.id} className={`banner banner-${n.kind === 'error' ? 'error' : n.kind === 'warning' ? 'warn' : 'info'}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <div className="banner-body">
            <strong>{n.title}</strong>
            {n.lines.length === 1 ? (
              <span> — {n.lines[0]}</span>
            ) : (
              <ul>
                {n.lines.map((l, i) => (
                  <li key={i}>{l}</li>
                ))}
              </ul>
            )}
          </div>
          <button type="button" className="icon-button" aria-label={`Dismiss: ${n.title}`} onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
