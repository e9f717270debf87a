/**
 * The AtomNAS lesson (pure data): seven steps through a recorded run of the tiny preset (the shipped one), from the full supernet
 * to the network left at the end. Numbers come from the frame shown (`fact`), never from one recording.
 */
import type { Lesson } from '../../core/method/lesson';
import type { AtomNasSnapshot } from './snapshot';

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const last = (shown: readonly AtomNasSnapshot[]) => shown.at(-1) ?? null;

/** Atoms alive per kernel size (summed over blocks) and in the supernet. */
function aliveByKernel(s: AtomNasSnapshot): { k: number; alive: number; total: number }[] {
  return s.kernels.map((k, i) => ({
    k,
    alive: s.blocks.reduce((n, b) => n + (b.counts[i] ?? 0), 0),
    total: s.blocks.reduce((n, b) => n + (b.supernet[i] ?? 0), 0),
  }));
}

/** Atoms removed per kernel size by every shrink event up to the frame shown. */
function removedByKernel(shown: readonly AtomNasSnapshot[]): { k: number; removed: number }[] {
  const s = last(shown);
  if (!s) return [];
  const removed = s.kernels.map(() => 0);
  for (const f of shown) for (const e of f.events) for (const b of e.blocks) b.perKernel.forEach((n, i) => (removed[i] += n));
  return s.kernels.map((k, i) => ({ k, removed: removed[i] }));
}

const eventsSoFar = (shown: readonly AtomNasSnapshot[]) => shown.reduce((n, f) => n + f.events.length, 0);

export const atomnasLesson: Lesson<AtomNasSnapshot> = {
  intro: 'Watch a supernet shrink while it learns: gates die under a cost-aware penalty, and dead channels are cut out for good.',
  preset: 'tiny',
  steps: [
    {
      title: 'The supernet: every atom alive',
      target: 'bars',
      body:
        'Each bar is one searched block. Its colours are its kernel sizes (3×3, 5×5, 7×7), and the height is how many atoms each size has. An atom is one channel of one branch: a row of the expand conv, one depthwise filter, a column of the project conv. At the start every atom is alive.',
      question: 'A block offers three kernel sizes at once. What does the search get to decide, then?',
      answer:
        'How many channels of each kernel size each block keeps, down to one channel. A block can end up with mostly 3×3, a mix, or nothing at all (a residual block with no atoms left becomes an identity). That is why AtomNAS is called fine-grained.',
      fact: (shown) => {
        const s = last(shown);
        return s ? `In this run: ${aliveByKernel(s).map((r) => `${r.total} atoms of ${r.k}×${r.k}`).join(', ')} across ${s.blocks.length} blocks.` : null;
      },
      moment: { at: 'start' },
    },
    {
      title: 'Gates fall towards zero',
      target: 'gamma-hist',
      body:
        'Every atom has a gate γ: the scale of the batch norm after its depthwise conv. The loss adds ρ × cost × |γ| for every atom, and each step moves every gate a little towards 0. The histogram shows log10 |γ|; the line is the death threshold (|γ| ≤ 0.001).',
      question: 'Nothing in the accuracy part of the loss asks for small gates. Why do so many of them drift left?',
      answer:
        'The penalty pulls every gate towards 0 at every step. A gate stays up only if the training loss pushes back, that is, if its channel helps classify the digits. The gates of channels that help little reach exactly 0 (the proximal step clips them there).',
      fact: (shown) => {
        const s = last(shown);
        if (!s || s.gamma.length === 0) return null;
        let dead = 0;
        for (const g of s.gamma) if (Math.abs(g) <= s.threshold) dead++;
        return `At step ${s.gammaStep}: ${dead} of ${s.gamma.length} live gates are at or below the threshold.`;
      },
      moment: { at: 'fraction', fraction: 0.15 },
    },
    {
      title: 'Expensive atoms are pushed harder',
      target: 'gamma-scatter',
      body:
        'Each dot is one atom: across, what it costs in multiply-adds; up, its |γ|. With the MACs-aware penalty an atom’s pull towards zero is proportional to its cost, so a 7×7 atom at high resolution is pulled harder than a 3×3 one deep in the network.',
      question: 'Which atoms must help accuracy more to stay alive: the cheap ones or the expensive ones? Why?',
      answer:
        'The expensive ones: their penalty per unit of γ is larger, so only a channel that clearly lowers the loss can hold its gate up. That is how the penalty trades accuracy against cost instead of just counting channels (the uniform penalty, network slimming, treats all atoms alike).',
      moment: { at: 'fraction', fraction: 0.25 },
    },
    {
      title: 'The first shrink event',
      target: 'bars',
      body:
        'Dead atoms are cut out physically: their conv rows, filters and columns are sliced away, with the optimizer state and the averaged weights. The bars drop. A shrink happens only at a check, and only once the dead atoms add up to 0.5 % of the supernet’s MACs.',
      question: 'Which kernel size loses atoms first? Why?',
      answer:
        'The size whose atoms cost most and help least. A 7×7 depthwise filter does 49 multiply-adds per pixel against 9 for a 3×3, so at the same gate its penalty is larger; but an atom also dies only when it helps little, so blocks and sizes differ. Read this run’s count below.',
      fact: (shown) => {
        const r = removedByKernel(shown);
        const n = eventsSoFar(shown);
        if (n === 0) return 'No shrink event yet in this recording.';
        return `Removed so far (${n} shrink event${n === 1 ? '' : 's'}): ${r.map((x) => `${x.removed} of ${x.k}×${x.k}`).join(', ')}.`;
      },
      moment: { at: 'event', nth: 0, match: 'shrink' },
    },
    {
      title: 'Why the curve falls in steps',
      target: 'curves',
      body:
        'MACs and parameters, as a share of the supernet, over training steps; dashed marks are shrink events. The network only gets smaller at a shrink event, however many gates have already died in between.',
      question: 'Gates reach zero all the time. Why does the MACs curve fall in steps instead of smoothly?',
      answer:
        'Atoms are counted only at a check (every few steps), they must be dead in both the live and the averaged (EMA) weights, and they are removed only once they add up to the MACs threshold. Until then a dead atom still sits in the network, costing compute but changing nothing.',
      moment: { at: 'event', nth: -1, match: 'shrink' },
    },
    {
      title: 'Did removing atoms cost accuracy?',
      target: 'val',
      body:
        'Validation accuracy over the whole run, measured after each epoch with batch-norm statistics re-estimated first. The shrink events are marked on the same steps.',
      question: 'Does cutting out a dead atom change what the network computes?',
      answer:
        'No. Its gate is exactly 0, so its channel contributes only a constant, which is folded into the next batch norm: the outputs before and after a shrink agree. What can cost accuracy is the penalty itself, which pushes gates of useful channels down while training.',
      fact: (shown) => {
        const vals = shown.flatMap((f) => f.val);
        const v = vals.at(-1);
        return v ? `Latest validation accuracy in this run: ${pct(v.acc)} at step ${v.step}.` : 'No validation point yet in this recording.';
      },
      moment: { at: 'end' },
    },
    {
      title: 'The network that is left is the result',
      target: 'readouts',
      body:
        'At the end, the readouts give the network’s MACs and parameters against the supernet’s, and the shrink events table lists what each event removed. There is no separate retraining: the network that survived training is the answer.',
      question: 'Why can AtomNAS skip the “retrain the found architecture from scratch” stage that most NAS methods need?',
      answer:
        'Because the weights were trained together with the choice: every surviving atom trained the whole time, and removal never changed the outputs. Methods that train a shared supernet and then pick a path (PAD-NAS, for example) have weights trained for many paths at once, so they retrain.',
      fact: (shown) => {
        const s = last(shown);
        if (!s) return null;
        const alive = aliveByKernel(s);
        const kept = alive.reduce((n, r) => n + r.alive, 0) / Math.max(1, alive.reduce((n, r) => n + r.total, 0));
        return `This run kept ${pct(s.macsNow / s.supernetMacs)} of the supernet’s MACs and ${pct(kept)} of its atoms.`;
      },
      moment: { at: 'end' },
    },
  ],
};
