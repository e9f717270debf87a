/**
 * The Efficient Global NAS lesson (pure data): eight steps through a recorded run of the tiny preset: depth, width,
 * the micro phase at matched parameters, the growing epoch budget, the fair-ranking demo and the hand-designed
 * baseline at the same parameter count. Numbers come from the
 * frame shown (`fact`), never from one recording.
 */
import type { Lesson } from '../../core/method/lesson';
import type { EgnasSnapshot } from './snapshot';

/** Every candidate decided up to the frame shown (a snapshot carries only those decided since the previous one). */
const decided = (shown: readonly EgnasSnapshot[]) => shown.flatMap((s) => s.candidates);
/** The latest value of a field some snapshots leave null. */
const latest = <T>(shown: readonly EgnasSnapshot[], pick: (s: EgnasSnapshot) => T | null): T | null => shown.map(pick).filter((v): v is T => v !== null).at(-1) ?? null;
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

export const egnasLesson: Lesson<EgnasSnapshot> = {
  intro: 'Watch a network grow, then slim down, one decision at a time: deeper while it helps, narrower while it costs nothing, then per-layer tweaks.',
  preset: 'tiny',
  steps: [
    {
      title: 'Deeper, while it helps',
      target: 'trajectory',
      body:
        'The search starts with a short, wide chain of layers and tries one more layer at a time. Each marker is one trained candidate: ✓ accepted, ○ neutral, ✗ failed. The bars under the markers are each candidate’s training budget in epochs.',
      question: 'Each deeper candidate trains one epoch more than the one before. Why not give them all the same budget?',
      answer:
        'Deeper chains learn more slowly. With one fixed budget a deeper network would look worse than it really is, and the search would stop too early. This “architecture-aware” budget is the paper’s main idea.',
      fact: (shown) => {
        const d = decided(shown).filter((c) => c.phase === 'depth');
        return d.length ? `Depth candidates so far: ${d.map((c) => `L=${c.L} (${c.epochs} ep)`).join(', ')}.` : null;
      },
      moment: { at: 'event', nth: 0, match: 'depth candidate' },
    },
    {
      title: 'When to stop growing',
      target: 'readouts',
      body:
        'A deeper chain is accepted only if its validation accuracy gains at least the tolerance shown under the chart; after two failures in a row the depth is fixed. The tolerance sits at the noise level of the validation split.',
      question: 'Why demand a minimum gain instead of accepting any deeper chain that scores higher?',
      answer:
        'With about a thousand validation images, two identical networks can differ by half a point by chance. Accepting tiny gains would add layers (and cost) for noise. The tolerance asks for a gain larger than the noise.',
      moment: { at: 'event', nth: -1, match: 'depth candidate' },
    },
    {
      title: 'Narrower, while it costs nothing',
      target: 'trajectory',
      body:
        'With the depth fixed, the width phase removes channels two at a time. A narrower chain is accepted when its accuracy stays within the tolerance of the best so far; its budget grows by two epochs each time.',
      question: 'In the depth phase a candidate had to gain accuracy; here it only has to not lose any. Why the difference?',
      answer:
        'A deeper network costs more, so it must earn its cost. A narrower network is cheaper, so keeping the same accuracy is already a win: it is the same quality for fewer parameters and MACs.',
      moment: { at: 'event', nth: 0, match: 'width candidate' },
    },
    {
      title: 'Per-layer changes at a matched size',
      target: 'micro',
      body:
        'The micro phase visits each layer and tries a full convolution instead of the separable one, then a 5×5 kernel instead of 3×3. Every trial is matched to the parameter budget of the chain before it, by reducing channels if needed.',
      question: 'Why reduce the channels when a layer switches from a separable to a full convolution?',
      answer:
        'A full k×k convolution has about k² × in × out weights, a separable one only k² × in + in × out. Without matching, the full convolution would win simply by being bigger. At equal parameters the trial tests whether the operation itself is better.',
      fact: (shown) => {
        const b = latest(shown, (s) => s.paramBudget);
        return b ? `Parameter budget in this run: ${Math.round(b).toLocaleString('en-US')} parameters.` : null;
      },
      moment: { at: 'event', nth: 0, match: 'ops candidate', fallback: 'end' },
    },
    {
      title: 'Every candidate’s learning curve',
      target: 'curves',
      body: 'Validation accuracy after every epoch of every candidate, coloured by phase. Later candidates run for more epochs.',
      question: 'Why are the curves of later candidates longer, and why does that matter for comparing them?',
      answer:
        'Their budget grew: one epoch more per deeper chain, two more per narrower one. Comparing a curve after 2 epochs with one after 6 would be unfair either way; the budget rule is the method’s attempt to compare each network near what it can reach.',
      moment: { at: 'fraction', fraction: 0.6 },
    },
    {
      title: 'Is the budget rule fair? A check',
      target: 'ranking',
      body:
        'A few chains of different depth and width are trained three ways: with one fixed budget, with the architecture-aware budget, and much longer as a reference. Kendall τ says how well each short ranking agrees with the reference (1: same order).',
      question: 'Which of the two short rankings should agree better with the long reference, and is that guaranteed here?',
      answer:
        'The architecture-aware one, if the idea works: it gives slow learners the time they need. It is not guaranteed: with few chains and a small validation split τ is noisy, so one run can show either order.',
      fact: (shown) => {
        const r = latest(shown, (s) => s.rankingResult);
        return r && r.fixedTau !== null && r.awareTau !== null ? `This run: τ = ${r.fixedTau.toFixed(2)} with the fixed budget, ${r.awareTau.toFixed(2)} with the aware budget.` : 'The ranking check has not finished at this point.';
      },
      moment: { at: 'end' },
    },
    {
      title: 'Did the search beat a hand-designed network?',
      target: 'baseline',
      body:
        'After the search, the Train screen’s hand-designed network (every slot MBConv k3 e3) trains at the width whose parameter count is nearest the found chain’s, with the same epochs and recipe. Both are tested once, at the end.',
      question: 'Why match the parameter count, and what does that match leave unequal?',
      answer:
        'A bigger network often wins just by being bigger; at the same parameter count the comparison is about the design. MACs and latency are not matched: a chain with few parameters can still cost many MACs at full resolution, so read those columns of the result too.',
      fact: (shown) => {
        const b = latest(shown, (s) => s.baseline);
        if (!b) return 'The baseline has not been trained at this point.';
        return `This run: the baseline at width ×${b.width} has ${b.params.toLocaleString('en-US')} parameters and reached ${b.valAccuracy === null ? 'no accuracy (it diverged)' : pct(b.valAccuracy)} on validation.`;
      },
      moment: { at: 'end' }, // after the ranking check (shown at the end too), so the steps stay in run order
    },
    {
      title: 'The result',
      target: 'costs',
      body: 'The accepted chains and their costs, one row per accepted step of the search. The last row is the network the search settled on, which is then retrained and tested once.',
      question: 'Looking down the table, what did the search trade against what?',
      answer:
        'Depth was bought with accuracy gains; width was given up where accuracy held; operations and kernels were swapped only when they helped at the same parameter count. Each accepted row is either more accurate (depth, micro) or cheaper at about the same accuracy (width).',
      fact: (shown) => {
        const acc = decided(shown).filter((c) => c.decision === 'accept' && c.valAccuracy !== null);
        const c = acc.at(-1);
        return c?.valAccuracy ? `Last accepted: L=${c.L}, C=${c.C}, ${pct(c.valAccuracy)} on validation, ${Math.round(c.params).toLocaleString('en-US')} parameters.` : null;
      },
      moment: { at: 'end' },
    },
  ],
};
