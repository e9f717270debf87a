/**
 * The PAD-NAS lesson (pure data): six steps through a recorded run of the tiny preset: the single-path supernet, the
 * NSGA-II search inside the latency window, the vote that prunes ops, the shrinking space, the final choice and the
 * ranking check. Numbers come from the frame shown (`fact`), never from one recording.
 */
import type { Lesson } from '../../core/method/lesson';
import type { PadNasSnapshot } from './snapshot';

const last = (shown: readonly PadNasSnapshot[]) => shown.at(-1) ?? null;
const opsLeft = (s: PadNasSnapshot) => s.space.reduce((n, ops) => n + ops.length, 0);

export const padnasLesson: Lesson<PadNasSnapshot> = {
  intro: 'Watch a search space being pruned: a shared supernet votes, in rounds, on which operations each layer should keep.',
  preset: 'tiny',
  steps: [
    {
      title: 'Stage 1: one supernet, one path per step',
      target: 'readouts',
      body:
        'The supernet holds every candidate operation of every layer (MBConv with kernel 3, 5 or 7 and expansion 3 or 6, and identity where shapes allow). Each training step samples one operation per layer at random and trains only that path. The phase line says where the run is.',
      question: 'Why train one random path per step instead of all operations together?',
      answer:
        'A step then costs what one ordinary network costs, and every operation gets trained in many contexts. Because the weights are shared, any architecture of the space can later be scored with the supernet’s weights (its one-shot accuracy) without training it.',
      fact: (shown) => {
        const s = last(shown);
        return s ? `This space starts with ${opsLeft(s)} operations over ${s.space.length} layers: about 10^${(s.spaceLog10[0] ?? 0).toFixed(1)} architectures.` : null;
      },
      moment: { at: 'start' },
    },
    {
      title: 'The search: accuracy against latency',
      target: 'scatter',
      body:
        'NSGA-II evolves a population of architectures, each scored by two numbers: one-shot accuracy (higher is better) and latency or MACs (lower is better). The shaded band is the window of cost the search is asked to stay in. Colour is the non-domination rank: rank 0 is the current Pareto front.',
      question: 'Why are children that land outside the shaded window thrown away?',
      answer:
        'The goal is the best network at a given cost, not the best network overall. Keeping only architectures inside the window makes the vote that follows say which operations are useful at that cost.',
      moment: { at: 'event', nth: 0, match: 'pruning round' },
    },
    {
      title: 'The vote: which operations to drop',
      target: 'heatmap',
      body:
        'Rows are layers, columns are operations. Each cell is the share of the best architectures (rank below k, over every generation of the round) that use that operation at that layer. Operations whose share falls under the threshold are removed from that layer: greyed cells.',
      question: 'An operation is greyed out in one layer but kept in another. How can the same operation be bad in one place and good in another?',
      answer:
        'The vote is per layer. An expensive 7×7 may be worth its cost where the feature map is large and early, and not in a layer where a 3×3 does as well for less. A layer never loses its last operation.',
      fact: (shown) => {
        // Stages are sent whole (every round so far), not since the previous snapshot.
        const removed = (last(shown)?.stages ?? []).reduce((n, st) => n + st.removed.reduce((m, r) => m + r.length, 0), 0);
        return `Operations removed so far in this run: ${removed}.`;
      },
      moment: { at: 'event', nth: 0, match: 'pruning round' },
    },
    {
      title: 'The space shrinks fast',
      target: 'size',
      body:
        'The number of architectures in the space, as log10, at the start and after each pruning. The smaller supernet is then fine-tuned with the weights it inherited, and the next round searches again.',
      question: 'Removing a handful of operations barely changes the heatmap. Why does the size bar drop by so much?',
      answer:
        'The size is the product of the number of operations in every layer. Taking one operation out of a layer with seven divides the whole space by 7/6, and that happens in every layer at once: the factors multiply.',
      fact: (shown) => {
        const s = last(shown);
        return s && s.spaceLog10.length > 1 ? `In this run: 10^${s.spaceLog10[0].toFixed(1)} → 10^${(s.spaceLog10.at(-1) ?? 0).toFixed(1)} architectures.` : null;
      },
      moment: { at: 'event', nth: -1, match: 'pruning round' },
    },
    {
      title: 'The final choice',
      target: 'readouts',
      body:
        'A last search in the pruned space picks the best architecture inside the window. It is then trained stand-alone, from scratch, and compared with a hand-designed baseline (every layer MBConv k3 e3).',
      question: 'The final architecture already has weights in the supernet. Why train it again from scratch?',
      answer:
        'Its supernet weights were shared with every other path and trained only part of the time; they rank architectures but do not give its real accuracy. Training it alone, with the same recipe as the baseline, makes the comparison fair.',
      moment: { at: 'event', nth: 0, match: 'final choice' },
    },
    {
      title: 'Can the supernet be trusted?',
      target: 'ranking',
      body:
        'A few architectures are scored twice: by one-shot accuracy with the supernet’s weights, and by a short stand-alone training. Kendall τ measures how well the two orders agree (1: same order, 0: unrelated), before and after pruning.',
      question: 'Why should pruning the space make the one-shot scores rank architectures better?',
      answer:
        'In a smaller space each weight is shared by fewer operations and paths, so the inherited weights are closer to what each architecture would learn alone. The paper reports τ rising from 0.50 to 0.89; with 8 architectures and very short runs here, τ is noisy and may not rise.',
      fact: (shown) => {
        const r = last(shown)?.ranking;
        if (!r || r.before.length === 0) return 'The ranking check has not been measured yet at this point.';
        return r.after.length > 0 ? `This run: τ = ${r.tauBefore.toFixed(2)} before, ${r.tauAfter.toFixed(2)} after pruning.` : `This run: τ = ${r.tauBefore.toFixed(2)} before pruning.`;
      },
      moment: { at: 'end' },
    },
  ],
};
