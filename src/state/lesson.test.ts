import { afterEach, describe, expect, it } from 'vitest';
import type { Lesson } from '../core/method/lesson';
import { RecordingBuilder } from '../core/method/recorder';
import type { Recording } from '../core/method/recording';
import type { MethodDescriptor } from '../methods/descriptor';
import { METHODS } from '../methods/registry';
import { endLesson, goToStep, lessonUi, momentWords, openLessonOf, showAnswer, startLesson, startLessonSync, stepFact } from './lesson';
import { closeReplay, openReplay, replayStore, seekFrame } from './replay';
import { useStore } from './store';
import { readHash, writeHash } from './urlSync';

interface Snap {
  n: number;
  shrink: boolean;
}

const step = (title: string, moment: Lesson['steps'][number]['moment']) => ({ title, target: 'bars', body: 'b', question: 'q?', answer: 'a', moment });
const lesson: Lesson<Snap> = {
  intro: 'i',
  preset: 'tiny',
  steps: [
    step('start', { at: 'start' }),
    step('first shrink', { at: 'event', nth: 0, match: 'shrink' }),
    step('half', { at: 'fraction', fraction: 0.5 }),
    { ...step('last shrink', { at: 'event', nth: -1, match: 'shrink' }), fact: (shown) => `${shown.filter((s) => s.shrink).length} shrinks so far, frame ${shown.at(-1)?.n}` },
    step('no such moment', { at: 'event', nth: 0, match: 'pruning' }),
    step('end', { at: 'end' }),
  ],
};
const demo = { id: 'demo', tab: 'Demo', events: (s: Snap) => (s.shrink ? [`Shrink at ${s.n}`] : []), lesson } as unknown as MethodDescriptor;
const other = { id: 'other', tab: 'Other', events: () => [], lesson } as unknown as MethodDescriptor;

function recording(frames: number, shrinkAt: number[]): Recording {
  const b = new RecordingBuilder({ method: 'demo', preset: 'tiny', config: {}, started: { totalSteps: frames } as never, made: {} as never }, 0);
  for (let i = 0; i < frames; i++) b.add(i + 1, 0, { n: i, shrink: shrinkAt.includes(i) } satisfies Snap, i * 100);
  return b.build(null);
}

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
  closeReplay('demo');
  endLesson();
  useStore.getState().setSettings({ screen: 'train', replay: false, teacher: undefined });
});

describe('lesson state', () => {
  it('a lesson is open only on its method screen, at a clamped step', () => {
    expect(openLessonOf([demo], { screen: 'demo' })).toBeNull();
    expect(openLessonOf([demo], { screen: 'train', lesson: 2 })).toBeNull();
    expect(openLessonOf([demo], { screen: 'demo', lesson: 2 })?.index).toBe(1);
    expect(openLessonOf([demo], { screen: 'demo', lesson: 99 })?.index).toBe(5);
    expect(openLessonOf([demo], { screen: 'demo', lesson: 0 })?.index).toBe(0);
  });

  it('steps through the recording: each step seeks its moment once, Back/Next clamp, the answer resets per step', async () => {
    stop = startLessonSync([demo, other]);
    startLesson(demo);
    expect(useStore.getState().settings).toMatchObject({ screen: 'demo', replay: true, lesson: 1 });
    const rec = recording(21, [6, 14]);
    openReplay(demo, rec, { kind: 'shipped', name: 'recordings/demo.json.gz' });
    await Promise.resolve();
    const frame = () => replayStore('demo').getState().frame;
    expect(frame()).toBe(0);
    goToStep(demo, 2);
    expect(frame()).toBe(6);
    // The learner scrubs within a step: the lesson does not pull the replay back.
    seekFrame('demo', 9);
    useStore.getState().setSettings({ dataset: 'mnist' });
    expect(frame()).toBe(9);
    goToStep(demo, 3);
    expect(frame()).toBe(10);
    showAnswer(demo, 3);
    expect(lessonUi.getState().answerShown).toBe('demo:3');
    goToStep(demo, 4);
    expect(lessonUi.getState().answerShown).toBeNull();
    expect(frame()).toBe(14);
    expect(stepFact(lesson.steps[3] as never, rec, frame())).toBe('2 shrinks so far, frame 14');
    goToStep(demo, 5);
    expect({ frame: frame(), missing: lessonUi.getState().missing }).toEqual({ frame: 20, missing: true });
    goToStep(demo, 99);
    expect(useStore.getState().settings.lesson).toBe(6);
    expect(lessonUi.getState().missing).toBe(false);
    goToStep(demo, -3);
    expect(useStore.getState().settings.lesson).toBe(1);
    expect(frame()).toBe(0);
  });

  it('switching screens or closing the recording ends the lesson; starting one on another screen does not', () => {
    stop = startLessonSync([demo, other]);
    startLesson(demo, 3);
    useStore.getState().setSettings({ screen: 'train' });
    expect(useStore.getState().settings.lesson).toBeUndefined();
    startLesson(demo, 2);
    startLesson(other, 2);
    expect(useStore.getState().settings).toMatchObject({ screen: 'other', lesson: 2 });
    startLesson(demo, 2);
    openReplay(demo, recording(5, []), { kind: 'shipped', name: 'x' });
    expect(useStore.getState().settings.lesson).toBe(2);
    closeReplay('demo');
    expect(useStore.getState().settings.lesson).toBeUndefined();
  });

  it('a lesson link opened before its recording arrives seeks the step once the recording is open', async () => {
    stop = startLessonSync([demo]);
    startLesson(demo, 4);
    openReplay(demo, recording(21, [6, 14]), { kind: 'shipped', name: 'recordings/demo.json.gz' });
    await Promise.resolve();
    expect(replayStore('demo').getState().frame).toBe(14);
  });

  it('a recording opened from a file is not the lesson’s: the lesson does not seek in it', async () => {
    stop = startLessonSync([demo]);
    startLesson(demo, 6);
    openReplay(demo, recording(9, []), { kind: 'file', name: 'mine.json' });
    await Promise.resolve();
    expect(replayStore('demo').getState().frame).toBe(0);
  });

  it('names its moments in words', () => {
    expect(lesson.steps.map((s) => momentWords(s.moment))).toEqual([
      'the start of the run',
      'the first key moment with “shrink”',
      '50 % into the run',
      'the last key moment with “shrink”',
      'the first key moment with “pruning”',
      'the end of the run',
    ]);
  });

  it('a lesson link round-trips through the app’s URL model for every method with a lesson', () => {
    for (const m of METHODS.filter((x) => x.lesson)) {
      const n = m.lesson?.steps.length ?? 0;
      const { settings } = readHash(`#v=2&screen=${m.id}&rec=1&lesson=1&step=${n}&teacher=1`);
      expect(settings).toMatchObject({ screen: m.id, replay: true, lesson: n, teacher: true });
      expect(writeHash(settings)).toBe(`v=2&screen=${m.id}&rec=1&lesson=1&step=${n}&teacher=1`);
      expect(readHash(`#v=2&screen=${m.id}&lesson=1&step=${n + 1}`).notices).toEqual([`step=${n + 1} is past the lesson's last step; showing step ${n}`]);
    }
  });
});
