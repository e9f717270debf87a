import { useStore } from '../../state/store';
import type { ThemeChoice } from '../../state/slices/uiSlice';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'dark', dark: 'light', light: 'system' };
const LABEL: Record<ThemeChoice, string> = { system: 'Theme: follows your system', dark: 'Theme: dark', light: 'Theme: light' };
const ICON: Record<ThemeChoice, string> = { system: '◐', dark: '☾', light: '☀' };

/** Cycles system → dark → light. */
export function ThemeToggle() {
  const theme = useStore((s) => s.theme);
  const setTheme = useStore((s) => s.setTheme);
  return (
    <button type="button" className="icon-button" title={`${LABEL[theme]} (click to change)`} aria-label={LABEL[theme]} onClick={() => setTheme(NEXT[theme])}>
      <span aria-hidden="true">{ICON[theme]}</span>
    </button>
  );
}
