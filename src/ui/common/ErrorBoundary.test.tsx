// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let fail = true;
function Fragile() {
  if (fail) throw new Error('bad snapshot');
  return <p>view works</p>;
}

function render(resetKey: unknown, root = createRoot(document.body.appendChild(document.createElement('div')))) {
  act(() =>
    root.render(
      <div>
        <p>header stays</p>
        <ErrorBoundary what="The test view" resetKey={resetKey}>
          <Fragile />
        </ErrorBoundary>
      </div>,
    ),
  );
  return root;
}

describe('ErrorBoundary', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    fail = true;
  });

  it('shows what failed in place of the view and keeps the rest of the page', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(1);
    expect(document.body.textContent).toContain('header stays');
    expect(document.querySelector('[data-testid="view-error"]')?.textContent).toContain('The test view could not be shown: bad snapshot');
    quiet.mockRestore();
  });

  it('shows the view again after "Try again" or a new reset key', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const root = render(1);
    fail = false;
    act(() => document.querySelector<HTMLButtonElement>('[data-testid="view-error"] button')!.click());
    expect(document.body.textContent).toContain('view works');
    fail = true;
    render(2, root);
    expect(document.querySelector('[data-testid="view-error"]')).not.toBeNull();
    fail = false;
    render(3, root);
    expect(document.body.textContent).toContain('view works');
    quiet.mockRestore();
  });
});
