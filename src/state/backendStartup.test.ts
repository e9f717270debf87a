import { afterEach, describe, expect, it } from 'vitest';
import { startBackendSwitch } from './backendStartup';
import { useStore } from './store';

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  useStore.setState({ runId: null, runState: 'idle' } as never);
  useStore.getState().setSettings({ backend: undefined });
});

describe('startBackendSwitch', () => {
  it('restarts the worker when the pinned backend changes and nothing runs', () => {
    const reasons: string[] = [];
    stops.push(startBackendSwitch((r) => reasons.push(r)));
    useStore.getState().setSettings({ backend: 'cpu' });
    useStore.getState().setSettings({ backend: undefined });
    expect(reasons).toEqual(['switching to cpu', 'switching to the automatic choice']);
  });

  it('undoes a change while a run holds the worker, once, with one notice', () => {
    const reasons: string[] = [];
    stops.push(startBackendSwitch((r) => reasons.push(r)));
    useStore.setState({ runId: 'r1', runState: 'running' } as never);
    const notices = useStore.getState().notices.length;
    useStore.getState().setSettings({ backend: 'webgl' });
    expect(useStore.getState().settings.backend).toBeUndefined();
    expect(reasons).toEqual([]);
    expect(useStore.getState().notices.length).toBe(notices + 1);
  });
});
