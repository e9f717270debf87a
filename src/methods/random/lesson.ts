/**
 * The random-search lesson (pure data): six steps through a recorded run of the tiny preset: the cost window, the
 * short training of each sampled candidate, choosing on validation, and the retraining of the winner. Numbers come
 * from the frame shown (`fact`), never from one recording.
 */
import type { Lesson } from '../../core/method/lesson';
import type { RandomSnapshot } from './snapshot';

const last = (shown: readonly RandomSnapshot[]) => shown.at(-1) ?? null;
/** Every candidate scored up to the frame shown (a snapshot carries only those finished since the previous one). */
const scored = (shown: readonly RandomSnapshot[]) => shown.flatMap((s) => s.candidates).filter((c) => c.valAccuracy !== null);

export const randomLesson: Lesson<RandomSnapshot> = {
  intro: 'The baseline every NAS method should beat: draw architectures at random, train each briefly, keep the best.',
  preset: 'tiny',
  steps: [
    {
      title: 'The cost window',
      target: 'scatter',
      body:
        'Across is cost (MACs, or predicted latency with a device profile); up will be validation accuracy. The shaded band is the window of cost asked for. Architectures are drawn uniformly from the same space PAD-NAS searches, and only those inside the window are kept.',
      question: 'Why compare architectures only inside one cost window?',
      answer:
        'A bigger network is usually more accurate, so the interesting question is which network is best at a given cost. Comparing a 0.3 M MACs network with a 2 M MACs one would mostly reward size.',
      moment: { at: 'start' },
    },
    {
      title: 'One candidate, trained from scratch',
      target: 'scatter',
      body:
        'Each dot appears once its candidate has trained from scratch for the same short budget of steps, with the same data order and learning rate. There is no weight sharing: every candidate starts fresh.',
      question: 'After such a short training, is a candidate’s accuracy the accuracy it would finally reach?',
      answer:
        'No: it is a proxy. What matters is that the order of the candidates is roughly right, so that the best after a short training is also among the best after a long one. Every candidate gets exactly the same budget so the comparison is fair.',
      fact: (shown) => {
        const c = scored(shown)[0];
        return c ? `Candidate ${c.index + 1} trained ${c.trainSteps} steps, like every other candidate.` : null;
      },
      moment: { at: 'event', nth: 0, match: 'scored' },
    },
    {
      title: 'The best so far',
      target: 'scatter',
      body: 'The ringed dot is the best candidate by validation accuracy. Look at where it sits inside the window.',
      question: 'Is the best candidate always the most expensive one in the window? Why or why not?',
      answer:
        'Not necessarily. Inside the window cost plays no part in the choice, and with short training, noise and how easily an architecture trains matter as much as size. That is why a search is worth more than just taking the biggest network allowed.',
      fact: (shown) => {
        const s = last(shown);
        if (!s || s.bestIndex === null) return null;
        const all = scored(shown);
        const rank = [...all].sort((a, b) => b.cost - a.cost).findIndex((c) => c.index === s.bestIndex);
        return `Here the best is candidate ${s.bestIndex + 1}: ${rank === 0 ? 'the most expensive' : `number ${rank + 1} by cost, most expensive first,`} of ${all.length} scored.`;
      },
      moment: { at: 'event', nth: -1, match: 'new best' },
    },
    {
      title: 'Picking on validation, never on test',
      target: 'readouts',
      body:
        'Every candidate is scored: the readouts show the best validation accuracy, which alone picks the winner. Validation images are taken from the training data; the test images are used once, at the very end.',
      question: 'Why is the winner chosen on validation accuracy and not on test accuracy?',
      answer:
        'A choice made on the test set is tuned to the test set: picking the best of many candidates on it would make the reported test accuracy too optimistic. Keeping the test set for one final measurement keeps it an honest estimate.',
      moment: { at: 'event', nth: 0, match: 'retrained' },
    },
    {
      title: 'Retraining the winner',
      target: 'readouts',
      body: 'The winner has been trained again from scratch, this time with the common recipe every method’s result gets, and tested once.',
      question: 'Why retrain the winner instead of keeping the network from its short training?',
      answer:
        'Its short training was only enough to rank it. The common recipe gives it a full training and makes its test accuracy comparable with the results of the other methods on the Compare screen.',
      moment: { at: 'end' },
    },
    {
      title: 'What a NAS method has to beat',
      target: 'scatter',
      body: 'All candidates, with the winner ringed. This took no cleverness at all: sample, train briefly, pick.',
      question: 'Why should every NAS result be shown next to random search?',
      answer:
        'Li and Talwalkar (2019) found random search with early stopping a strong baseline that several weight-sharing methods failed to beat. If a clever method does not beat random search in the same space and budget, its cleverness is not what made the result good.',
      fact: (shown) => {
        const all = scored(shown);
        return all.length ? `${all.length} candidates scored in this run.` : null;
      },
      moment: { at: 'end' },
    },
  ],
};
