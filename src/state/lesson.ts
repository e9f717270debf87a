/**
 * Guided lessons (core/method/lesson) on top of the replay store: the link holds the lesson's step (`lesson=1&step=K`,
 * settings.lesson), the method screen plays its shipped recording (`rec=1`, opened by state/replaySync), and each step
 * pauses the replay at the step's moment. Moving between steps is moving the link; the answer's "Show answer" state
 * lives here and resets with every step.
 *
 * The replay stays the player's: within a step the learner may scrub or play; the lesson seeks again only when the
 * step (or the recording) changes.
 */
import { create } from 'zustand';
import { momentFrame, type Lesson, type LessonMoment, type LessonStep } from '../core/method/lesson';
import type { Recording } from '../core/method/recording';
import type { MethodDescriptor } from '../methods/descriptor';
import { pauseReplay, replayStore, seekFrame, type ReplayEvent } from './replay';
import { useStore } from './store';

export interface LessonUi {
  /** `${method}:${step}` whose answer is shown (one at a time: a new step hides it). */
  answerShown: string | null;
  /** The last step seeked to, with the recording it was seeked in (so the lesson seeks once per step). */
  seeked: { key: string; recording: Recording } | null;
  /** The step's moment is not in this recording (it fell back to the start or the end). */
  missing: boolean;
}

export const lessonUi = create<LessonUi>()(() => ({ answerShown: null, seeked: null, missing: false }));

type Settings = { screen: string; lesson?: number };

/** The lesson open in these settings: the method, its lesson and the step index (0-based), or null. */
export function openLessonOf(methods: readonly MethodDescriptor[], s: Settings): { m: MethodDescriptor; lesson: Lesson; index: number } | null {
  if (s.lesson === undefined) return null;
  const m = methods.find((x) => x.id === s.screen);
  if (!m?.lesson) return null;
  const n = m.lesson.steps.length;
  return { m, lesson: m.lesson, index: Math.max(0, Math.min(n - 1, Math.round(s.lesson) - 1)) };
}

/** Set while startLesson changes screen and step together (not a screen switch that ends a lesson). */
let starting = false;

/** Open method `m`'s lesson at step `step` (1-based) with its recorded run. */
export function startLesson(m: MethodDescriptor, step = 1): void {
  if (!m.lesson) return;
  lessonUi.setState({ answerShown: null, seeked: null, missing: false });
  starting = true;
  try {
    useStore.getState().setSettings({ screen: m.id, replay: true, lesson: Math.max(1, Math.min(m.lesson.steps.length, step)) });
  } finally {
    starting = false;
  }
}

/** Show step `step` (1-based, clamped) of the lesson open on `m`'s screen. */
export function goToStep(m: MethodDescriptor, step: number): void {
  if (!m.lesson) return;
  const k = Math.max(1, Math.min(m.lesson.steps.length, Math.round(step)));
  if (useStore.getState().settings.lesson === k) return;
  lessonUi.setState({ answerShown: null });
  useStore.getState().setSettings({ lesson: k });
}

/** Close the lesson (the recording stays on screen). */
export function endLesson(): void {
  lessonUi.setState({ answerShown: null, seeked: null, missing: false });
  useStore.getState().setSettings({ lesson: undefined });
}

export function showAnswer(m: MethodDescriptor, step: number): void {
  lessonUi.setState({ answerShown: `${m.id}:${step}` });
}

/** The frame a step shows in a recording (and whether its moment was missing there). */
export function stepFrame(step: LessonStep, rec: Recording, events: readonly ReplayEvent[]): { frame: number; missing: boolean } {
  return momentFrame(step.moment, rec.frames.length, events);
}

/** Plain words for a moment (the step's "where in the run"). */
export function momentWords(m: LessonMoment): string {
  switch (m.at) {
    case 'start':
      return 'the start of the run';
    case 'end':
      return 'the end of the run';
    case 'fraction':
      return `${Math.round(100 * m.fraction)} % into the run`;
    case 'event': {
      const which = m.nth === 0 ? 'the first key moment' : m.nth === -1 ? 'the last key moment' : `key moment no. ${m.nth + 1}`;
      return m.match ? `${which} with “${m.match.trim()}”` : which;
    }
  }
}

/** The step's `fact` from the recording's snapshots up to the frame shown (null: none, or it failed). */
export function stepFact(step: LessonStep, rec: Recording | null, frame: number): string | null {
  if (!step.fact || !rec || frame < 0) return null;
  try {
    return step.fact(rec.frames.slice(0, frame + 1).map((f) => f.snap));
  } catch {
    return null;
  }
}

/**
 * Seek the replay to the open step's moment once the recording is there; the caller runs it on every change of the
 * settings or the method's replay store. Returns the frame seeked to (null: nothing to do).
 */
export function syncLessonStep(methods: readonly MethodDescriptor[], settings: Settings): number | null {
  const open = openLessonOf(methods, settings);
  if (!open) return null;
  const { m, lesson, index } = open;
  const { recording, events, source } = replayStore(m.id).getState();
  if (!recording || source?.kind !== 'shipped') return null;
  const key = `${m.id}:${index}`;
  const was = lessonUi.getState().seeked;
  if (was && was.key === key && was.recording === recording) return null;
  const { frame, missing } = stepFrame(lesson.steps[index], recording, events);
  pauseReplay(m.id);
  seekFrame(m.id, frame);
  lessonUi.setState({ seeked: { key, recording }, missing });
  return frame;
}

/**
 * Keep the replay at the open step's moment (the app calls it once, after the replay sync). A link with `lesson=1`
 * but no `rec=1` gets the recording too; switching screens, or closing the lesson's recording, ends the lesson.
 * Returns the stop function.
 */
export function startLessonSync(methods: readonly MethodDescriptor[], store = useStore): () => void {
  const run = () => void syncLessonStep(methods, store.getState().settings);
  const offSettings = store.subscribe((st, prev) => {
    const s = st.settings;
    const p = prev.settings;
    if (s === p) return;
    if (!starting && s.screen !== p.screen && s.lesson !== undefined) {
      store.getState().setSettings({ lesson: undefined });
      return;
    }
    run();
  });
  const offReplays = methods
    .filter((m) => m.lesson)
    .map((m) =>
      replayStore(m.id).subscribe((r, p) => {
        if (r.recording === p.recording) return;
        const s = store.getState().settings;
        if (r.recording === null && s.screen === m.id && s.lesson !== undefined) endLesson();
        // After openReplay has finished: it shows its first frame once the recording is in the store.
        else queueMicrotask(run);
      }),
    );
  const s = store.getState().settings;
  if (openLessonOf(methods, s) && !s.replay) store.getState().setSettings({ replay: true });
  run();
  return () => {
    offSettings();
    offReplays.forEach((off) => off());
  };
}
