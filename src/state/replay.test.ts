import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordingBuilder } from '../core/method/recorder';
import type { Recording } from '../core/method/recording';
import type { MethodDescriptor } from '../methods/descriptor';
import { onMethodSnapshot } from './methodRuns';
import { closeReplay, FRAMES_PER_SECOND, openReplay, pauseReplay, playReplay, recordingEvents, replayStore, seekFrame, seekNextEvent, seekPreviousEvent, setReplaySpeed } from './replay';

interface Snap {
  n: number;
  loss: Float32Array;
  shrink: boolean;
}

const method = {
  id: 'fake',
  tab: 'Fake',
  events: (s: Snap) => (s.shrink ? [`shrink at ${s.n}`] : []),
} as unknown as MethodDescriptor;

function recording(frames: number, shrinkAt: number[], methodId = 'fake'): Recording {
  const b = new RecordingBuilder({ method: methodId, preset: null, config: {}, started: { totalSteps: frames } as never, made: {} as never }, 0);
  for (let i = 0; i < frames; i++) b.add(i + 1, 0, { n: i, loss: new Float32Array([i]), shrink: shrinkAt.includes(i) } satisfies Snap, i * 100);
  return b.build(null);
}

/** A view that sums what it receives (it accumulates, like the real ones) and mutates what it was given. */
function sumView() {
  const seen: number[] = [];
  const off = onMethodSnapshot('fake', (s) => {
    if (s === null) seen.length = 0;
    else {
      const snap = s as Snap;
      seen.push(snap.n);
      snap.loss[0] = -1; // a view that changes its snapshot must not change the recording
    }
  });
  return { seen, off };
}

afterEach(() => {
  closeReplay('fake');
  vi.useRealTimers();
});

describe('replay', () => {
  it('finds the key moments with the descriptor', () => {
    expect(recordingEvents(method, recording(6, [2, 4]))).toEqual([
      { frame: 2, step: 3, text: 'shrink at 2' },
      { frame: 4, step: 5, text: 'shrink at 4' },
    ]);
  });

  it('applies frames forward, and from the start when seeking back, as the live run did', () => {
    const v = sumView();
    const rec = recording(6, []);
    openReplay(method, rec, { kind: 'file', name: 'r.json' });
    expect(v.seen).toEqual([0]);
    seekFrame('fake', 3);
    expect(v.seen).toEqual([0, 1, 2, 3]);
    seekFrame('fake', 1);
    expect(v.seen).toEqual([0, 1]);
    seekFrame('fake', 99);
    expect(v.seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect(replayStore('fake').getState().frame).toBe(5);
    expect((rec.frames[3].snap as Snap).loss[0]).toBe(3);
    v.off();
  });

  it('jumps to the next and previous key moments, and stops at the last', () => {
    const v = sumView();
    openReplay(method, recording(8, [2, 5]), { kind: 'file', name: 'r.json' });
    expect(seekNextEvent('fake')?.frame).toBe(2);
    expect(replayStore('fake').getState().frame).toBe(2);
    expect(seekNextEvent('fake')?.text).toBe('shrink at 5');
    expect(seekNextEvent('fake')).toBeNull();
    expect(replayStore('fake').getState().frame).toBe(5);
    expect(seekPreviousEvent('fake')?.frame).toBe(2);
    expect(v.seen).toEqual([0, 1, 2]);
    v.off();
  });

  it('plays at FRAMES_PER_SECOND × speed and stops at the end', () => {
    vi.useFakeTimers();
    openReplay(method, recording(20, []), { kind: 'file', name: 'r.json' });
    setReplaySpeed('fake', 2);
    playReplay('fake');
    vi.advanceTimersByTime(1000);
    expect(replayStore('fake').getState().frame).toBe(2 * FRAMES_PER_SECOND);
    vi.advanceTimersByTime(5000);
    expect(replayStore('fake').getState()).toMatchObject({ frame: 19, playing: false });
    playReplay('fake'); // from the end: starts over
    expect(replayStore('fake').getState().frame).toBe(0);
    pauseReplay('fake');
    vi.advanceTimersByTime(5000);
    expect(replayStore('fake').getState().frame).toBe(0);
    setReplaySpeed('fake', 100);
    expect(replayStore('fake').getState().speed).toBe(8);
  });

  it('refuses a recording of another method and keeps the one open', () => {
    openReplay(method, recording(3, []), { kind: 'file', name: 'a.json' });
    openReplay(method, recording(3, [], 'padnas'), { kind: 'file', name: 'b.json' });
    const st = replayStore('fake').getState();
    expect(st.error).toMatch(/b\.json is a recording of "padnas", not of Fake/);
    expect(st.source?.name).toBe('a.json');
  });

  it('closing clears the view', () => {
    const v = sumView();
    openReplay(method, recording(3, []), { kind: 'file', name: 'a.json' });
    seekFrame('fake', 2);
    closeReplay('fake');
    expect(v.seen).toEqual([]);
    expect(replayStore('fake').getState().recording).toBeNull();
    v.off();
  });
});
