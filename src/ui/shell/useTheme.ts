import { useEffect } from 'react';
import { useStore } from '../../state/store';
import type { ThemeChoice } from '../../state/slices/uiSlice';

const KEY = 'nas-playground-theme';

export function savedTheme(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/** Apply the theme choice to <html data-theme> (absent = follow the OS) and remember it. */
export function useTheme(): void {
  const theme = useStore((s) => s.theme);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
    try {
      if (theme === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, theme);
    } catch {
      /* storage may be unavailable (private mode); the choice still applies to this page */
    }
  }, [theme]);
}
