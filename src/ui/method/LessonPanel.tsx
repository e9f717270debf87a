/**
 * The guided lesson on a method screen (state/lesson): step k of n, what to look at and why, one question with its
 * answer behind "Show answer", Back / Next, and the part of the screen the step is about outlined, labelled and
 * scrolled into view (instantly when the user asks for reduced motion). Each step is announced through aria-live;
 * ← and → move between steps while the panel has focus. The replay itself stays the player's.
 */
import { useEffect, useId, useRef } from 'react';
import type { MethodDescriptor } from '../../methods/descriptor';
import { endLesson, goToStep, lessonUi, momentWords, openLessonOf, showAnswer, stepFact } from '../../state/lesson';
import { replayStore } from '../../state/replay';
import { useStore } from '../../state/store';
import './lesson.css';
import { reducedMotion } from '../common/reducedMotion';

/** Outline the step's target on `method`'s screen (found again if the view re-mounts it), scrolled into view once. */
function useHighlight(method: string, target: string, label: string): void {
  useEffect(() => {
    let el: Element | null = null;
    let scrolled = false;
    const find = () => {
      if (el?.isConnected) return;
      el = document.querySelector(`[data-method="${method}"] [data-lesson="${target}"]`);
      if (!el) return;
      el.setAttribute('data-lesson-active', label);
      if (!scrolled) {
        scrolled = true;
        // Below the sticky header (its height changes with the width), with room for the step's label.
        const header = document.querySelector('.app-header');
        const covered = header && getComputedStyle(header).position === 'sticky' ? header.getBoundingClientRect().height : 0;
        window.scrollTo({ top: Math.max(0, el.getBoundingClientRect().top + window.scrollY - covered - 28), behavior: reducedMotion() ? 'auto' : 'smooth' });
      }
    };
    find();
    const timer = setInterval(find, 400);
    return () => {
      clearInterval(timer);
      el?.removeAttribute('data-lesson-active');
    };
  }, [method, target, label]);
}

export function LessonPanel({ method }: { method: MethodDescriptor }) {
  const screen = useStore((s) => s.settings.screen);
  const lesson = useStore((s) => s.settings.lesson);
  const open = openLessonOf([method], { screen, lesson });
  if (!open) return null;
  return <LessonSteps key={open.m.id} m={open.m} />;
}

function LessonSteps({ m }: { m: MethodDescriptor }) {
  const id = useId();
  const stepNo = useStore((s) => s.settings.lesson ?? 1);
  const lesson = m.lesson;
  const answerShown = lessonUi((s) => s.answerShown === `${m.id}:${stepNo}`);
  const missing = lessonUi((s) => s.missing);
  const rec = replayStore(m.id)((s) => s.recording);
  const frame = replayStore(m.id)((s) => s.frame);
  const loading = replayStore(m.id)((s) => s.loading);
  const error = replayStore(m.id)((s) => s.error);
  const answerRef = useRef<HTMLDivElement>(null);
  const n = lesson?.steps.length ?? 0;
  const k = Math.max(1, Math.min(n, stepNo));
  const step = lesson?.steps[k - 1];
  useHighlight(m.id, step?.target ?? '', `Step ${k}: look here`);
  useEffect(() => {
    if (answerShown) answerRef.current?.focus();
  }, [answerShown]);
  if (!lesson || !step) return null;
  const fact = answerShown ? stepFact(step, rec, frame) : null;
  const onKey = (e: React.KeyboardEvent) => {
    if (e.target instanceof HTMLElement && e.target.closest('input, select, textarea')) return;
    if (e.key === 'ArrowRight' && k < n) goToStep(m, k + 1);
    else if (e.key === 'ArrowLeft' && k > 1) goToStep(m, k - 1);
    else return;
    e.preventDefault();
  };
  return (
    <section className="lesson-panel panel" aria-labelledby={`${id}-title`} data-testid="lesson" onKeyDown={onKey}>
      <div className="lesson-head">
        <h2 id={`${id}-title`} className="lesson-name">
          Lesson: {m.tab}
        </h2>
        <span className="lesson-count" data-testid="lesson-count">
          Step {k} of {n}
        </span>
        <button type="button" className="button small" onClick={endLesson}>
          End lesson
        </button>
      </div>
      <p className="visually-hidden" aria-live="polite" data-testid="lesson-live">
        {`Lesson step ${k} of ${n}: ${step.title}`}
      </p>
      {k === 1 && <p className="small muted">{lesson.intro}</p>}
      <h3 className="lesson-title" data-testid="lesson-title">
        {step.title}
      </h3>
      <p className="lesson-body">{step.body}</p>
      <p className="small muted" data-testid="lesson-moment">
        {loading && 'Loading the recorded run… '}
        {error && !rec && <span className="error-text">The recorded run could not be opened ({error}); the step still explains the chart. </span>}
        {rec && `Shown: ${momentWords(step.moment)}.`}
        {rec && missing && ' This recording has no such moment, so the nearest end of the run is shown.'}
      </p>
      <p className="lesson-question">
        <strong>Question:</strong> {step.question}
      </p>
      {answerShown ? (
        <div className="lesson-answer" id={`${id}-answer`} tabIndex={-1} ref={answerRef} data-testid="lesson-answer">
          <p>
            <strong>Answer:</strong> {step.answer}
          </p>
          {fact && <p className="small">{fact}</p>}
        </div>
      ) : (
        <button type="button" className="button small" onClick={() => showAnswer(m, k)}>
          Show answer
        </button>
      )}
      <div className="button-row lesson-nav" role="group" aria-label="Lesson steps">
        <button type="button" className="button" disabled={k <= 1} onClick={() => goToStep(m, k - 1)}>
          Back
        </button>
        {k < n ? (
          <button type="button" className="button primary" onClick={() => goToStep(m, k + 1)}>
            Next
          </button>
        ) : (
          <button type="button" className="button primary" onClick={endLesson}>
            Finish lesson
          </button>
        )}
      </div>
    </section>
  );
}
