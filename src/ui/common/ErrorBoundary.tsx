/**
 * Keeps a failure in one part of the page to that part: a view that throws while rendering shows what failed and a
 * "Try again" in its place, and everything else (the header, the other panels, the run in the worker, the settings in
 * the link) carries on. Without it React unmounts the whole app, and the user is left with a blank page.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What failed, in the user's words ("The Train screen", "The … live view"). */
  what: string;
  children: ReactNode;
  /** A value that, when it changes, clears the error (e.g. the screen id: another screen starts afresh). */
  resetKey?: unknown;
}

interface State {
  error: Error | null;
  key: unknown;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.what} failed to render:`, error, info.componentStack);
  }

  override render(): ReactNode {
    const e = this.state.error;
    if (!e) return this.props.children;
    return (
      <div className="panel error-boundary" role="alert" data-testid="view-error">
        <p className="error-text">
          {this.props.what} could not be shown: {e.message || e.name}
        </p>
        <p className="small muted">
          The rest of the page still works: runs go on in the background, and your settings and saved runs are kept. If it happens again,
          reload the page (the link keeps your settings).
        </p>
        <button type="button" className="button small" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
