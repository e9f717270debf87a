/**
 * AtomNAS (Mei et al., ICLR 2020; METHODS.md §1): train a supernet of atomic blocks with a resource-aware L1 penalty on
 * the BN gates and physically remove the atoms whose gates die, while it trains; the network left at the end is the
 * result. The pure descriptor: imported by the UI, the URL code and the CLI; its tfjs part (run/) and its view
 * (view/) load lazily.
 */
import type { MethodDescriptor } from '../descriptor';
import { atomnasSketch } from './sketch';
import { atomnasEvents } from './events';
import { atomnasLesson } from './lesson';
import { atomnasSettings, type AtomNasSettings } from './settings';
import type { AtomNasSnapshot } from './snapshot';

export type { AtomNasPenalty, AtomNasPresetId, AtomNasSettings } from './settings';
export type { AtomNasBlockView, AtomNasRecordFields, AtomNasShrinkEvent, AtomNasSnapshot, AtomNasStartInfo, AtomNasValPoint } from './snapshot';

export const atomnasMethod = {
  id: 'atomnas',
  label: 'AtomNAS (fine-grained, dynamic shrinkage)',
  tab: 'AtomNAS',
  summary: 'Train a supernet of atomic blocks and watch dead channels get removed live: the network shrinks while it learns (no retraining).',
  differences:
    'Exact shrinking: removing an atom whose γ is 0 leaves a constant ReLU(β) that the paper’s code drops; here it is ' +
    'folded through the project column into the next BN’s running mean, so outputs before and after a shrink agree. ' +
    'Penalty modes: MACs-aware (the paper), uniform (network slimming, the paper’s ablation) and latency-aware from a ' +
    'device profile (ours: per-atom cost from the profile’s fit of branch latency against hidden width). Target mode ' +
    '(ours): ρ adapts so the network ends near a MACs target; the paper only has ρ. Proximal step (ours, on by default): ' +
    'γ ← sign(γ)·max(|γ| − η·ρ·penalty, 0), so gates reach exactly 0 in a few hundred steps instead of 350 epochs. ' +
    'Scale: 28×28 MNIST, kernels {3, 5, 7}, expansion 3, a few epochs instead of ImageNet for 350, so ρ is much ' +
    'larger and dead atoms are removed once they add up to 0.5% of the supernet’s MACs (the paper: ~0.07%).',
  settings: atomnasSettings,
  profile: (c: AtomNasSettings) => (c.penalty === 'latency' ? 'required' : 'optional'),
  events: atomnasEvents,
  lesson: atomnasLesson,
  sketch: atomnasSketch,
  resumable: true,
  loadRun: () => import('./run/index'),
  loadView: () => import('./view/index'),
} satisfies MethodDescriptor<AtomNasSettings, AtomNasSnapshot>;
