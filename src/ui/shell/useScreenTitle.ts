/** The page title names the screen in view, and switching screens starts the new one at the top of the page. */
import { useEffect, useRef } from 'react';

export const APP_TITLE = 'NAS Playground';

/** "AtomNAS · NAS Playground" (the bare app name for an empty screen title). */
export function screenTitle(title: string): string {
  return title ? `${title} · ${APP_TITLE}` : APP_TITLE;
}

export function useScreenTitle(id: string, title: string): void {
  const first = useRef(true);
  useEffect(() => {
    document.title = screenTitle(title);
  }, [title]);
  useEffect(() => {
    if (first.current) {
      first.current = false; // a reload keeps the browser's own scroll position
      return;
    }
    window.scrollTo({ top: 0, left: 0 });
  }, [id]);
}
