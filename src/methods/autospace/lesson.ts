/**
 * The AutoSpace-style lesson (pure data): six steps through a recorded run of the tiny preset: what is searched (a
 * space, not a network), the tournament, softmax(α) and fitness, the budget, the learned space and the payoff.
 * Numbers come from the frame shown (`fact`), never from one recording.
 */
import type { Lesson } from '../../core/method/lesson';
import type { AutoSpaceSnapshot } from './snapshot';

const last = (shown: readonly AutoSpaceSnapshot[]) => shown.at(-1) ?? null;
/** The latest value of a field some snapshots leave null. */
const latest = <T>(shown: readonly AutoSpaceSnapshot[], pick: (s: AutoSpaceSnapshot) => T | null): T | null => shown.map(pick).filter((v): v is T => v !== null).at(-1) ?? null;

export const autospaceLesson: Lesson<AutoSpaceSnapshot> = {
  intro: 'Watch a search space evolve: populations of small cells compete inside a supernet, and the winners become the space another search explores.',
  preset: 'tiny',
  steps: [
    {
      title: 'Searching for a space, not a network',
      target: 'intro',
      body:
        'Most NAS methods search inside a space that people designed (for example “MBConv with kernel 3, 5 or 7”). This one learns the space itself: for every layer it evolves a population of small cells, and keeps the best few as that layer’s choices.',
      question: 'What does this run hand over at the end: one architecture, or something else?',
      answer:
        'A search space: for each layer, its top-K cells. A standard NAS method (here PAD-NAS) then searches that learned space for the network. The reconstruction is ours: the paper’s search code is not public.',
      moment: { at: 'start' },
    },
    {
      title: 'The tournament',
      target: 'board',
      body:
        'Each slot’s population as small graphs (edges are convolutions or identity), each with a fitness bar. Every iteration picks K cells per slot by tournaments on fitness (outlined). The supernet runs only those K and mixes their outputs.',
      question: 'Why pick only K cells per slot each iteration instead of running the whole population?',
      answer:
        'Running every cell would make the supernet as big as the whole population and very slow. Tournaments favour fit cells but still give weaker ones a chance, so a cell that was unlucky early can still prove itself.',
      fact: (shown) => {
        const s = last(shown);
        const slot = s?.slots[0];
        return slot ? `Slot B1 here: ${slot.cells.length} cells, ${slot.picks.length} picked this iteration.` : null;
      },
      moment: { at: 'event', nth: 0, match: 'iteration ', fallback: 'start' },
    },
    {
      title: 'softmax(α): how much the supernet relies on each pick',
      target: 'alpha',
      body:
        'One bar per iteration, split into the softmax(α) weights of that slot’s picks. α is learned by backpropagation together with the weights, and a cell’s fitness follows the weight it earns.',
      question: 'What does it mean when one pick takes most of a bar?',
      answer:
        'The supernet found that cell’s output most useful for lowering the loss in that layer, so it turned up its mixing weight. Its fitness rises, so it is picked more often and its mutants join the population.',
      moment: { at: 'event', nth: 1, match: 'iteration ' },
    },
    {
      title: 'Keeping the cost in check',
      target: 'budget',
      body:
        'The expected cost of the supernet (its picks weighted by softmax(α)) against the budget line. Above the budget, a penalty is added to the loss.',
      question: 'What does the penalty push the supernet to do when the expected cost is above the budget?',
      answer:
        'The penalty grows with how far the expected cost is over the budget, so its gradient moves softmax(α) towards the cheaper picks. Cheap cells then earn more weight, hence more fitness, and the population drifts towards cells that fit the budget.',
      fact: (shown) => {
        const b = latest(shown, (s) => s.budget);
        return b ? `At this frame: expected ${b.expected.toFixed(2)} ${b.unit} against a budget of ${b.budget.toFixed(2)} ${b.unit}.` : null;
      },
      moment: { at: 'event', nth: -1, match: 'iteration ' },
    },
    {
      title: 'The learned space takes shape',
      target: 'topk',
      body: 'For each slot, its top-K cells after every iteration; a cell keeps its colour. When the columns stop changing, the space has settled.',
      question: 'Why keep the top K cells per layer instead of just the single best?',
      answer:
        'The output is a space for another search, not a network. Keeping several good cells per layer leaves that search real choices, for example a cheap cell and an accurate one, to trade against each other.',
      moment: { at: 'event', nth: 0, match: 'phase: payoff', fallback: 'end' },
    },
    {
      title: 'The payoff: learned vs hand-designed',
      target: 'payoff',
      body:
        'The same PAD-NAS search runs in the learned space and in the hand-designed one; the networks on each front are trained stand-alone. Each front’s shaded area (hypervolume) measures how much of the accuracy-against-cost plane it dominates.',
      question: 'The learned space does not always win here. What would a fair win look like?',
      answer:
        'Its front would dominate a larger area: more accuracy at every cost, measured on networks trained alone, with the same downstream search and budget in both spaces. At this tiny scale the learned space often does not win, and the page says so instead of hiding it.',
      fact: (shown) => {
        const p = latest(shown, (s) => s.payoff);
        return p && p.hvLearned !== null && p.hvHand !== null ? `This run: hypervolume ${p.hvLearned.toFixed(3)} learned, ${p.hvHand.toFixed(3)} hand-designed.` : 'The payoff has not finished at this point.';
      },
      moment: { at: 'end' },
    },
  ],
};
