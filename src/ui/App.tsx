/**
 * The app shell: header, notices, the current screen (from the screen registry), help and the aria-live status line.
 * Screens plug in through `screens.ts`; nothing here knows about any particular screen.
 */
import { Suspense, useEffect } from 'react';
import { useStore } from '../state/store';
import { ErrorBoundary } from './common/ErrorBoundary';
import { findScreen, SCREENS, type ScreenCommands } from './screens';
import { BackendNotice } from './shell/BackendNotice';
import { Header } from './shell/Header';
import { HelpDialog } from './shell/HelpDialog';
import { Notices } from './shell/Notices';
import { ProgressLine } from './shell/ProgressLine';
import { TeacherNotice } from './shell/TeacherNotice';
import { useScreenTitle } from './shell/useScreenTitle';
import { useShortcuts } from './shell/useShortcuts';
import { useTheme } from './shell/useTheme';

/**
 * On a phone the screen's own run buttons sit below its settings: the footer (sticky there) repeats the two that
 * matter, bound to the screen's shortcut commands, so a run can always be started or paused. Hidden on wide screens.
 */
function PhoneRunBar({ commands }: { commands: ScreenCommands }) {
  return (
    <div className="phone-run-bar" role="group" aria-label="Run controls (always at hand)">
      <button type="button" className="button small primary" title="Start, pause or resume this screen's run (Space)" onClick={() => commands.playPause()}>
        Start / pause
      </button>
      <button type="button" className="button small" title="Run exactly one step (.)" onClick={() => commands.step()}>
        One step
      </button>
    </div>
  );
}

export function App() {
  const screenId = useStore((s) => s.settings.screen);
  const screen = findScreen(screenId) ?? SCREENS[0];
  const teacher = useStore((s) => s.settings.teacher === true);
  useTheme();
  useShortcuts(screen.commands);
  useScreenTitle(screen.id, screen.title);
  useEffect(() => {
    if (screen.id === screenId) return;
    const st = useStore.getState();
    st.addNotice({ kind: 'warning', title: 'Screen not available', lines: [`the "${screenId}" screen is not part of this build yet; showing ${screen.title}`] });
    st.setSettings({ screen: screen.id });
  }, [screen, screenId]);
  const Screen = screen.component;
  return (
    <div className={teacher ? 'app teacher-mode' : 'app'}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header current={screen} />
      <BackendNotice />
      <Notices />
      <TeacherNotice />
      <main id="main" className="screen" aria-label={screen.title}>
        <p className="screen-summary">{screen.summary}</p>
        <ErrorBoundary what={`The ${screen.title} screen`} resetKey={screen.id}>
          <Suspense fallback={<p>Loading…</p>}>
            <Screen />
          </Suspense>
        </ErrorBoundary>
      </main>
      <footer className="app-footer">
        <ProgressLine />
        {screen.commands && <PhoneRunBar commands={screen.commands} />}
        <span className="muted">
          Press <kbd>?</kbd> for shortcuts
        </span>
      </footer>
      <HelpDialog />
    </div>
  );
}
