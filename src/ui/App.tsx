/**
 * The app shell: header, notices, the current screen (from the screen registry), help and the aria-live status line.
 * Screens plug in through `screens.ts`; nothing here knows about any particular screen.
 */
import { Suspense, useEffect } from 'react';
import { useStore } from '../state/store';
import { findScreen, SCREENS } from './screens';
import { BackendNotice } from './shell/BackendNotice';
import { Header } from './shell/Header';
import { HelpDialog } from './shell/HelpDialog';
import { Notices } from './shell/Notices';
import { ProgressLine } from './shell/ProgressLine';
import { useShortcuts } from './shell/useShortcuts';
import { useTheme } from './shell/useTheme';

export function App() {
  const screenId = useStore((s) => s.settings.screen);
  const screen = findScreen(screenId) ?? SCREENS[0];
  useTheme();
  useShortcuts(screen.commands);
  useEffect(() => {
    if (screen.id === screenId) return;
    const st = useStore.getState();
    st.addNotice({ kind: 'warning', title: 'Screen not available', lines: [`the "${screenId}" screen is not part of this build yet; showing ${screen.title}`] });
    st.setSettings({ screen: screen.id });
  }, [screen, screenId]);
  const Screen = screen.component;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header current={screen} />
      <BackendNotice />
      <Notices />
      <main id="main" className="screen" aria-label={screen.title}>
        <p className="screen-summary">{screen.summary}</p>
        <Suspense fallback={<p>Loading…</p>}>
          <Screen />
        </Suspense>
      </main>
      <footer className="app-footer">
        <ProgressLine />
        <span className="muted">
          Press <kbd>?</kbd> for shortcuts
        </span>
      </footer>
      <HelpDialog />
    </div>
  );
}
