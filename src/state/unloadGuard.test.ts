import { describe, expect, it } from 'vitest';
import { hasUnsavedProgress, noteCheckpoint, trackRuns } from './unloadGuard';

const points = (runId: string, last: number) =>
  trackRuns({ type: 'train/points', runId, steps: Float64Array.from([last]), loss: new Float32Array(1), lr: new Float32Array(1), ips: new Float32Array(1) });

describe('beforeunload guard (issue 16 §1)', () => {
  it('warns only while a run has progress its last checkpoint does not hold; searches always while they run', () => {
    expect(hasUnsavedProgress()).toBe(false);
    trackRuns({ type: 'run/state', runId: 't', kind: 'train', state: 'running' });
    expect(hasUnsavedProgress()).toBe(false); // no step yet
    points('t', 12);
    expect(hasUnsavedProgress()).toBe(true);
    noteCheckpoint('t', 12);
    expect(hasUnsavedProgress()).toBe(false);
    points('t', 13);
    expect(hasUnsavedProgress()).toBe(true);
    trackRuns({ type: 'run/state', runId: 't', kind: 'train', state: 'done' });
    expect(hasUnsavedProgress()).toBe(false);
    trackRuns({ type: 'run/state', runId: 's', kind: 'search', state: 'paused' });
    expect(hasUnsavedProgress()).toBe(true);
    trackRuns({ type: 'run/state', runId: 's', kind: 'search', state: 'cancelled' });
    expect(hasUnsavedProgress()).toBe(false);
  });
});
