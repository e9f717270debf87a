import { useEffect, useRef } from 'react';
import { useStore } from '../../state/store';
import { SCREENS } from '../screens';

export const SHORTCUTS: readonly { keys: string; action: string }[] = [
  { keys: 'Space', action: 'Start / pause / resume the run' },
  { keys: '.', action: 'One training step (starts a paused run when none exists)' },
  { keys: 'n', action: 'Search screens: run to the next event (shrink, pruning round, scored candidate), then pause' },
  { keys: 'r', action: 'Reset: stop the run and clear the charts' },
  { keys: '?', action: 'Show or hide this help' },
  { keys: 'Esc', action: 'Close this help' },
];

/** Keyboard shortcuts and a short guide, in a native modal <dialog>. */
export function HelpDialog() {
  const open = useStore((s) => s.helpOpen);
  const setOpen = useStore((s) => s.setHelpOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="help-dialog" aria-labelledby="help-title" onClose={() => setOpen(false)}>
      <h2 id="help-title">Help</h2>
      <h3>Keyboard shortcuts</h3>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Shortcuts are ignored while you type in a field.</p>
      <h3>Screens</h3>
      <ul>
        {SCREENS.map((s) => (
          <li key={s.id}>
            <strong>{s.title}</strong>: {s.summary}
          </li>
        ))}
      </ul>
      <p className="muted">
        Every setting is in the page address: copy the link to share or reproduce a configuration (seed included).
      </p>
      <form method="dialog">
        <button type="submit" className="button" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
