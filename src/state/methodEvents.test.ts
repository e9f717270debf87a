/** A method run's key moments in its store: 'run/event' is kept for the screen's announcement; "seeking" ends with the pause. */
import { describe, expect, it } from 'vitest';
import { routeMethodEvent } from './methodActions';
import { EMPTY_RUN, methodRunStore } from './methodRuns';

describe('routeMethodEvent: run/event', () => {
  it('keeps the latest event and ends the search for it when the run pauses', () => {
    const store = methodRunStore('evtest');
    store.setState({ ...EMPTY_RUN, runId: 'e1', state: 'running', seeking: true });
    expect(routeMethodEvent({ type: 'run/event', runId: 'e1', kind: 'evtest', step: 12, events: ['Shrink at step 12'], stopped: true })).toBe(true);
    expect(store.getState().lastEvent).toEqual({ step: 12, events: ['Shrink at step 12'], stopped: true });
    expect(store.getState().seeking).toBe(true);
    routeMethodEvent({ type: 'run/state', runId: 'e1', kind: 'evtest', state: 'paused' });
    expect(store.getState()).toMatchObject({ state: 'paused', seeking: false });
    // Another run's event is not this screen's.
    expect(routeMethodEvent({ type: 'run/event', runId: 'other', kind: 'x', step: 1, events: ['x'], stopped: false })).toBe(false);
    expect(store.getState().lastEvent?.step).toBe(12);
  });
});
