/**
 * Every registered method has a lesson of 5–8 well-formed steps, each step's target is a `data-lesson` attribute of
 * that method's own view source, and each step's `fact` reads an empty run without throwing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonProblems, momentFrame, type Lesson } from '../core/method/lesson';
import { METHODS } from './registry';

const ROOT = path.resolve(import.meta.dirname);

/** Shared components (ui/common) that render `data-lesson={lesson}`: a view that uses one sets the target by its `lesson` prop. */
const SHARED_LESSON_PANELS = ['ReadoutList', 'ChartPanel'].filter((name) =>
  fs.readFileSync(path.join(ROOT, '..', 'ui', 'common', `${name}.tsx`), 'utf8').includes('data-lesson={lesson}'),
);

/** The `data-lesson` values a method's view/ sources set: literal attributes and `lesson="…"` props of its panels. */
function viewTargets(id: string): Set<string> {
  const dir = path.join(ROOT, id, 'view');
  const out = new Set<string>();
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.tsx'))) {
    const src = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of src.matchAll(/\bdata-lesson="([a-z0-9-]+)"/g)) out.add(m[1]);
    // A panel component that renders `data-lesson={lesson}` (the file's own, or a shared one it uses) takes its value as a
    // `lesson="…"` prop.
    const panels = src.includes('data-lesson={lesson}') || SHARED_LESSON_PANELS.some((name) => new RegExp(`<${name}\\b`).test(src));
    if (panels) for (const m of src.matchAll(/\blesson="([a-z0-9-]+)"/g)) out.add(m[1]);
  }
  return out;
}

describe('lessons', () => {
  it('every registered method has one', () => {
    expect(METHODS.filter((m) => !m.lesson).map((m) => m.id)).toEqual([]);
  });

  for (const m of METHODS) {
    describe(m.id, () => {
      const lesson = m.lesson as Lesson<never>;

      it('has 5–8 well-formed steps (texts, question marks, moments)', () => {
        expect(lessonProblems(lesson)).toEqual([]);
      });

      it("every target is a data-lesson attribute of the method's view", () => {
        const targets = viewTargets(m.id);
        const missing = lesson.steps.map((s) => s.target).filter((t) => !targets.has(t));
        expect(missing).toEqual([]);
      });

      it('its preset is one of the method’s presets', () => {
        expect(Object.keys(m.settings.presets)).toContain(lesson.preset);
      });

      it('each fact reads an empty run without throwing', () => {
        for (const s of lesson.steps) expect(() => (s.fact as ((x: never[]) => string | null) | undefined)?.([])).not.toThrow();
      });

      it('every event moment names words the method’s events can say', () => {
        // The match is looked for in the texts of `events`: a typo would silently fall back to the end.
        const known = /shrink|pruning round|final choice|phase: |scored|new best|retrained|candidate|stage: |iteration /i;
        for (const s of lesson.steps) if (s.moment.at === 'event' && s.moment.match) expect(s.moment.match).toMatch(known);
      });
    });
  }
});

describe('lessonProblems', () => {
  const step = { title: 't', target: 'bars', body: 'b', question: 'q?', answer: 'a', moment: { at: 'start' as const } };
  const ok: Lesson = { intro: 'i', preset: 'tiny', steps: [step, step, step, step, step] };

  it('accepts a well-formed lesson and names each kind of problem', () => {
    expect(lessonProblems(ok)).toEqual([]);
    expect(lessonProblems({ ...ok, steps: [step] })[0]).toMatch(/1 steps/);
    expect(lessonProblems({ ...ok, steps: Array.from({ length: 9 }, () => step) })[0]).toMatch(/9 steps/);
    const bad = [{ ...step, target: 'Bars X', question: 'no mark', moment: { at: 'fraction' as const, fraction: 1.5 } }, { ...step, answer: ' ', moment: { at: 'event' as const, nth: 0.5 } }, step, step, step];
    expect(lessonProblems({ ...ok, steps: bad })).toEqual([
      'step 1: target "Bars X" is not a lower-case slug',
      'step 1: the question does not end with "?"',
      'step 1: fraction 1.5 is outside 0–1',
      'step 2: empty answer',
      'step 2: event index 0.5 is not an integer ≥ −1',
    ]);
  });
});

describe('momentFrame', () => {
  const events = [
    { frame: 3, text: 'Shrink at step 20: 5 dead atoms removed' },
    { frame: 3, text: 'Phase: search' },
    { frame: 7, text: 'Shrink at step 40: 9 dead atoms removed' },
  ];
  it('finds the start, the end, a fraction and the n-th matching key moment', () => {
    expect(momentFrame({ at: 'start' }, 11, events)).toEqual({ frame: 0, missing: false });
    expect(momentFrame({ at: 'end' }, 11, events)).toEqual({ frame: 10, missing: false });
    expect(momentFrame({ at: 'fraction', fraction: 0.5 }, 11, events)).toEqual({ frame: 5, missing: false });
    expect(momentFrame({ at: 'event', nth: 0, match: 'SHRINK' }, 11, events)).toEqual({ frame: 3, missing: false });
    expect(momentFrame({ at: 'event', nth: 1, match: 'shrink' }, 11, events)).toEqual({ frame: 7, missing: false });
    expect(momentFrame({ at: 'event', nth: -1 }, 11, events)).toEqual({ frame: 7, missing: false });
    expect(momentFrame({ at: 'event', nth: 1 }, 11, events)).toEqual({ frame: 3, missing: false });
  });
  it('falls back (to the end unless told) and says so when the recording lacks the moment', () => {
    expect(momentFrame({ at: 'event', nth: 2, match: 'shrink' }, 11, events)).toEqual({ frame: 10, missing: true });
    expect(momentFrame({ at: 'event', nth: 0, match: 'final choice', fallback: 'start' }, 11, events)).toEqual({ frame: 0, missing: true });
    expect(momentFrame({ at: 'end' }, 0, [])).toEqual({ frame: 0, missing: false });
  });
});

describe('facts read what the snapshots carry', () => {
  // Random search and Efficient Global NAS send the candidates finished since the previous snapshot; PAD-NAS sends its
  // stages whole. A fact must add up the former and not the latter.
  const fact = (id: string, title: string, shown: unknown[]) => {
    const step = METHODS.find((m) => m.id === id)?.lesson?.steps.find((s) => s.title === title);
    return (step?.fact as (x: unknown[]) => string | null)(shown);
  };

  it('random search counts every candidate scored so far', () => {
    const cand = (index: number, cost: number) => ({ index, cost, valAccuracy: 0.5, trainSteps: 25 });
    const shown = [{ candidates: [cand(0, 5)], bestIndex: 0 }, { candidates: [], bestIndex: 0 }, { candidates: [cand(1, 9)], bestIndex: 1 }];
    expect(fact('random', 'What a NAS method has to beat', shown)).toBe('2 candidates scored in this run.');
    expect(fact('random', 'The best so far', shown)).toBe('Here the best is candidate 2: the most expensive of 2 scored.');
  });

  it('Efficient Global NAS lists every depth candidate so far', () => {
    const c = (index: number, L: number) => ({ index, phase: 'depth', L, C: 32, epochs: L - 2, decision: 'accept', valAccuracy: 0.9, params: 1000 });
    const shown = [{ candidates: [c(0, 4)], rankingResult: null, paramBudget: null }, { candidates: [c(1, 5)], rankingResult: null, paramBudget: null }];
    expect(fact('egnas', 'Deeper, while it helps', shown)).toBe('Depth candidates so far: L=4 (2 ep), L=5 (3 ep).');
  });

  it('PAD-NAS counts the removed ops of the stages it was last sent, once', () => {
    const stage = (round: number) => ({ round, removed: [['k7e6'], [], ['k5e6', 'k7e3']] });
    const shown = [{ stages: [stage(1)] }, { stages: [stage(1)] }, { stages: [stage(1), stage(2)] }];
    expect(fact('padnas', 'The vote: which operations to drop', shown)).toBe('Operations removed so far in this run: 6.');
  });
});
