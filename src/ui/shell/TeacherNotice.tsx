/**
 * Teacher mode (`teacher=1` in the link): the app hides the controls a class does not need (more settings, model
 * export, the Latency screen; see teacher.css) and says so here, with how to leave it.
 */
import { useStore } from '../../state/store';
import './teacher.css';

export function TeacherNotice() {
  const teacher = useStore((s) => s.settings.teacher === true);
  const setSettings = useStore((s) => s.setSettings);
  if (!teacher) return null;
  return (
    <p className="teacher-notice" role="note" data-testid="teacher-notice">
      <strong>Teacher mode is on:</strong> advanced settings, model export and the Latency screen are hidden. To leave it, remove <code>teacher=1</code> from the
      link or{' '}
      <button type="button" className="button small" onClick={() => setSettings({ teacher: false })}>
        leave teacher mode
      </button>
    </p>
  );
}
