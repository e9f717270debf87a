import { useStore } from '../../state/store';
import { SCREENS, type ScreenDef } from '../screens';
import { BackendBadge } from './BackendBadge';
import { ThemeToggle } from './ThemeToggle';

/** Product name, screen switcher, backend/adapter, theme and help. */
export function Header({ current }: { current: ScreenDef }) {
  const setSettings = useStore((s) => s.setSettings);
  const setHelpOpen = useStore((s) => s.setHelpOpen);
  return (
    <header className="app-header">
      <div className="brand">
        <img src="favicon.svg" alt="" width={28} height={28} />
        <span className="brand-name">NAS Playground</span>
      </div>
      <nav aria-label="Screens" className="screen-tabs">
        {SCREENS.map((s) => (
          <button
            key={s.id}
            type="button"
            className="tab"
            data-screen={s.id}
            aria-current={s.id === current.id ? 'page' : undefined}
            onClick={() => setSettings({ screen: s.id })}
          >
            {s.title}
          </button>
        ))}
      </nav>
      <div className="header-tools">
        <BackendBadge />
        <ThemeToggle />
        <button type="button" className="icon-button" aria-label="Help and keyboard shortcuts" title="Help (?)" onClick={() => setHelpOpen(true)}>
          ?
        </button>
      </div>
    </header>
  );
}
