/**
 * Playing a recorded run (core/method/recording) through a method screen's live view: one small store per method
 * with the recording, the frame shown, play/pause and speed, and the run's key moments (the method descriptor's
 * `events`, found once when the recording opens). The frames go to the view through the same snapshot channel as a
 * live run's (`emitMethodSnapshot`), so the charts cannot tell a replay from the run it recorded.
 *
 * A snapshot carries what happened since the previous one, so the view accumulates: going forward applies the frames
 * in between; going back clears the view and applies frames 0…i again. Each frame is handed over as a fresh copy, so a
 * view that keeps or changes what it was given cannot alter the recording.
 *
 * Playback: 1× shows `FRAMES_PER_SECOND` frames a second (a 150-frame recording of a 40-minute run plays in 30 s);
 * speed scales that from 0.25× to 8×. The recorded wall time of each frame is kept for the banner and the scrubber.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Recording } from '../core/method/recording';
import type { MethodDescriptor } from '../methods/descriptor';
import { emitMethodSnapshot } from './methodRuns';

export const FRAMES_PER_SECOND = 5;
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;

/** Where the recording came from (for the banner). */
export interface ReplaySource {
  kind: 'shipped' | 'file' | 'own';
  /** File name or a short description. */
  name: string;
}

/** One key moment: the frame that brings it and what happened. */
export interface ReplayEvent {
  frame: number;
  step: number;
  text: string;
}

export interface ReplayState {
  recording: Recording | null;
  source: ReplaySource | null;
  events: ReplayEvent[];
  /** Index of the frame shown (−1: none yet). */
  frame: number;
  playing: boolean;
  speed: number;
  /** A recording that could not be opened (the previous one, if any, stays). */
  error: string | null;
  /** A shipped recording is being downloaded. */
  loading: boolean;
}

export type ReplayStore = UseBoundStore<StoreApi<ReplayState>>;

const EMPTY: ReplayState = { recording: null, source: null, events: [], frame: -1, playing: false, speed: 1, error: null, loading: false };

const stores = new Map<string, ReplayStore>();
const timers = new Map<string, ReturnType<typeof setTimeout>>();

/** The replay store of method `id` (created on first use). */
export function replayStore(id: string): ReplayStore {
  let s = stores.get(id);
  if (!s) {
    s = create<ReplayState>()(() => ({ ...EMPTY }));
    stores.set(id, s);
  }
  return s;
}

/** The key moments of a recording, frame by frame, as the method names them. */
export function recordingEvents(m: MethodDescriptor, rec: Recording): ReplayEvent[] {
  const out: ReplayEvent[] = [];
  rec.frames.forEach((f, i) => {
    for (const text of m.events(f.snap, i > 0 ? rec.frames[i - 1].snap : null)) out.push({ frame: i, step: f.step, text });
  });
  return out;
}

function stopTimer(id: string): void {
  const t = timers.get(id);
  if (t !== undefined) clearTimeout(t);
  timers.delete(id);
}

/** Show frame `i` (clamped): apply the frames after the one shown, or clear and apply 0…i when going back. */
export function seekFrame(id: string, i: number): void {
  const s = replayStore(id);
  const { recording, frame } = s.getState();
  if (!recording) return;
  const to = Math.max(0, Math.min(recording.frames.length - 1, Math.round(i)));
  let from = frame + 1;
  if (to < frame || frame < 0) {
    emitMethodSnapshot(id, null);
    from = 0;
  }
  for (let k = from; k <= to; k++) emitMethodSnapshot(id, structuredClone(recording.frames[k].snap));
  s.setState({ frame: to });
}

/** Draw the frame shown again from the first one (a view that subscribed late, e.g. the screen was mounted again). */
export function redrawReplay(id: string): void {
  const s = replayStore(id);
  const { recording, frame } = s.getState();
  if (!recording || frame < 0) return;
  s.setState({ frame: -1 });
  seekFrame(id, frame);
}

/** Open `rec` on method `m`'s screen at its first frame (paused). A recording of another method is refused. */
export function openReplay(m: MethodDescriptor, rec: Recording, source: ReplaySource): void {
  const s = replayStore(m.id);
  if (rec.method !== m.id) {
    s.setState({ error: `${source.name} is a recording of "${rec.method}", not of ${m.tab}: open it on that method's screen.` });
    return;
  }
  stopTimer(m.id);
  s.setState({ ...EMPTY, speed: s.getState().speed, recording: rec, source, events: recordingEvents(m, rec) });
  seekFrame(m.id, 0);
}

/** Say why a recording could not be opened (the one open, if any, stays). */
export function replayError(id: string, message: string | null): void {
  replayStore(id).setState({ error: message });
}

/** Close the replay and clear the view (a live run's snapshots flow again from its next one). */
export function closeReplay(id: string): void {
  stopTimer(id);
  const had = replayStore(id).getState().recording !== null;
  replayStore(id).setState({ ...EMPTY, speed: replayStore(id).getState().speed });
  if (had) emitMethodSnapshot(id, null);
}

/** The next key moment after the frame shown (null: none left). */
export function nextEvent(id: string): ReplayEvent | null {
  const { events, frame } = replayStore(id).getState();
  return events.find((e) => e.frame > frame) ?? null;
}

/** Pause and show the frame of the next key moment; returns it (null: none left, nothing changes). */
export function seekNextEvent(id: string): ReplayEvent | null {
  const e = nextEvent(id);
  if (!e) return null;
  pauseReplay(id);
  seekFrame(id, e.frame);
  return e;
}

/** Pause and show the frame of the previous key moment before the one shown (or the first frame). */
export function seekPreviousEvent(id: string): ReplayEvent | null {
  const { events, frame } = replayStore(id).getState();
  const e = [...events].reverse().find((x) => x.frame < frame) ?? null;
  pauseReplay(id);
  seekFrame(id, e ? e.frame : 0);
  return e;
}

function tick(id: string): void {
  const s = replayStore(id);
  const { recording, frame, playing, speed } = s.getState();
  if (!recording || !playing) return;
  if (frame >= recording.frames.length - 1) {
    s.setState({ playing: false });
    return;
  }
  seekFrame(id, frame + 1);
  timers.set(
    id,
    setTimeout(() => tick(id), 1000 / (FRAMES_PER_SECOND * speed)),
  );
}

/** Play from the frame shown (from the start when at the end). */
export function playReplay(id: string): void {
  const s = replayStore(id);
  const { recording, frame } = s.getState();
  if (!recording) return;
  stopTimer(id);
  if (frame >= recording.frames.length - 1) seekFrame(id, 0);
  s.setState({ playing: true });
  timers.set(
    id,
    setTimeout(() => tick(id), 1000 / (FRAMES_PER_SECOND * s.getState().speed)),
  );
}

export function pauseReplay(id: string): void {
  stopTimer(id);
  replayStore(id).setState({ playing: false });
}

/** Set the playback speed (clamped to 0.25×–8×); takes effect from the next frame. */
export function setReplaySpeed(id: string, speed: number): void {
  replayStore(id).setState({ speed: Math.max(SPEEDS[0], Math.min(SPEEDS[SPEEDS.length - 1], speed)) });
}
