/**
 * A guided lesson (pure data, one per method, in methods/<id>/lesson.ts): 5–8 steps that walk through the method's
 * shipped recording. Each step names the part of the screen to look at (a `data-lesson="…"` attribute of the method's
 * view or screen), says what to look at and why, asks one small question with an answer revealed on demand, and
 * names the moment of the recording it takes place at.
 *
 * Moments are named by what happens, never by one recording's numbers, so a lesson holds for any recording of its
 * preset: the start, the end, a fraction of the run, or the n-th key moment (the descriptor's `events`) whose text
 * contains a word. A recording without that moment falls back to `fallback` (default: the end) and the step says so.
 */

/** Where in a recording a step takes place. */
export type LessonMoment =
  | { at: 'start' }
  | { at: 'end' }
  /** A fraction of the frames (0 = first, 1 = last). */
  | { at: 'fraction'; fraction: number }
  /**
   * The `nth` key moment (0 = first; −1 = last) among those whose text contains `match` (case-insensitive; absent:
   * any key moment). `fallback` when the recording has none.
   */
  | { at: 'event'; nth: number; match?: string; fallback?: 'start' | 'end' };

export interface LessonStep<Snap = unknown> {
  title: string;
  /** `data-lesson` value of the element to highlight. */
  target: string;
  /** What to look at and why, in plain words. */
  body: string;
  question: string;
  answer: string;
  /**
   * What this recording shows, computed from its snapshots up to the frame shown (pure; null: nothing to add): a
   * line under the answer, so an answer can point at this run's numbers without the lesson hard-coding them.
   */
  fact?: (shown: readonly Snap[]) => string | null;
  moment: LessonMoment;
}

export interface Lesson<Snap = unknown> {
  /** One line: what the lesson teaches. */
  intro: string;
  /** The preset its recording was made with (the shipped recording's). */
  preset: string;
  steps: LessonStep<Snap>[];
}

/** Steps a lesson must have. */
export const LESSON_MIN_STEPS = 5;
export const LESSON_MAX_STEPS = 8;

/** A key moment of a recording as the replay finds it (frame index and text). */
export interface MomentEvent {
  frame: number;
  text: string;
}

/** The frame a moment shows in a recording of `frames` frames with these key moments; `missing` when it fell back. */
export function momentFrame(m: LessonMoment, frames: number, events: readonly MomentEvent[]): { frame: number; missing: boolean } {
  const last = Math.max(0, frames - 1);
  switch (m.at) {
    case 'start':
      return { frame: 0, missing: false };
    case 'end':
      return { frame: last, missing: false };
    case 'fraction':
      return { frame: Math.round(Math.max(0, Math.min(1, m.fraction)) * last), missing: false };
    case 'event': {
      const word = m.match?.toLowerCase();
      const hits = word ? events.filter((e) => e.text.toLowerCase().includes(word)) : [...events];
      const hit = m.nth < 0 ? hits[hits.length + m.nth] : hits[m.nth];
      if (hit) return { frame: Math.max(0, Math.min(last, hit.frame)), missing: false };
      return { frame: m.fallback === 'start' ? 0 : last, missing: true };
    }
  }
}

/** Problems with a lesson's form (empty: fine): step count, empty texts, malformed moments, targets not a slug. */
export function lessonProblems(l: Lesson<never>): string[] {
  const out: string[] = [];
  if (l.steps.length < LESSON_MIN_STEPS || l.steps.length > LESSON_MAX_STEPS) out.push(`${l.steps.length} steps (a lesson has ${LESSON_MIN_STEPS}–${LESSON_MAX_STEPS})`);
  if (!l.intro.trim()) out.push('no intro');
  l.steps.forEach((s, i) => {
    const at = `step ${i + 1}`;
    for (const k of ['title', 'body', 'question', 'answer'] as const) if (!s[k].trim()) out.push(`${at}: empty ${k}`);
    if (!/^[a-z][a-z0-9-]*$/.test(s.target)) out.push(`${at}: target "${s.target}" is not a lower-case slug`);
    if (!s.question.trim().endsWith('?')) out.push(`${at}: the question does not end with "?"`);
    const m = s.moment;
    if (m.at === 'fraction' && !(m.fraction >= 0 && m.fraction <= 1)) out.push(`${at}: fraction ${m.fraction} is outside 0–1`);
    if (m.at === 'event' && (!Number.isInteger(m.nth) || m.nth < -1)) out.push(`${at}: event index ${m.nth} is not an integer ≥ −1`);
    if (m.at === 'event' && m.match !== undefined && !m.match.trim()) out.push(`${at}: empty event match`);
  });
  return out;
}
