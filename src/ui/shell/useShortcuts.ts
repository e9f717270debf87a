import { useEffect } from 'react';
import { useStore } from '../../state/store';
import type { ScreenCommands } from '../screens';

/** True when a key press belongs to the focused control (typing, or Space/Enter on a button). */
export function isTypingTarget(t: EventTarget | null, key: string): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable) return true;
  const tag = t.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (t as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'range', 'file'].includes(type) || key === ' ';
  }
  return key === ' ' && (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY');
}

/** Global shortcuts: Space play/pause, `.` step, `n` next event, `r` reset (on the current screen), `?` help. */
export function useShortcuts(commands: ScreenCommands | undefined): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (isTypingTarget(e.target, e.key)) return;
      const st = useStore.getState();
      if (e.key === '?') {
        e.preventDefault();
        st.setHelpOpen(!st.helpOpen);
        return;
      }
      if (st.helpOpen || !commands) return;
      if (e.key === ' ') {
        e.preventDefault();
        commands.playPause();
      } else if (e.key === '.') {
        e.preventDefault();
        commands.step();
      } else if ((e.key === 'n' || e.key === 'N') && commands.nextEvent) {
        e.preventDefault();
        commands.nextEvent();
      } else if (e.key === 'r' || e.key === 'R') {
        e.preventDefault();
        commands.reset();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [commands]);
}
