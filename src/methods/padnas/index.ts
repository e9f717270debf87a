/**
 * PAD-NAS (METHODS.md §2): a single-path one-shot supernet whose per-layer op sets prune themselves between NSGA-II
 * rounds under a latency window (predicted latency from the search-target device profile, or MACs without one); the
 * best architecture inside the window is trained stand-alone and tested. The pure descriptor: imported by the UI, the
 * URL code and the CLI; its tfjs part (run/) and its view (view/) load lazily.
 */
import type { MethodDescriptor } from '../descriptor';
import { padnasSketch } from './sketch';
import { padnasEvents } from './events';
import { padnasLesson } from './lesson';
import type { PadNasSettings } from './config';
import { padnasSettings } from './settings';
import type { PadNasSnapshot } from './snapshot';

export type { PadNasSettings } from './config';
export type { PadNasRecordFields, PadNasSnapshot, PadNasWindow } from './snapshot';

export const padnasMethod = {
  id: 'padnas',
  label: 'PAD-NAS (progressive search-space pruning, latency window)',
  tab: 'PAD-NAS',
  summary: 'Search a single-path supernet under a latency window and watch its search space prune itself, round by round.',
  differences:
    'No PAD-NAS code is public: the algorithm follows the paper’s text. 28×28 MNIST and the 7-slot shared skeleton ' +
    'instead of ImageNet and a 21-layer backbone; minutes instead of GPU-days. Population 8 (tiny) / 24 (default) and ' +
    '2–8 generations instead of 64 × 40; the latency table is this device’s profile instead of a Pixel-3 table (MACs ' +
    'without a profile, said in the UI and the record); the window is given as fractions between the cheapest and the ' +
    'dearest architecture. The vote counts every generation’s rank < k population (one small population has too few ' +
    'votes); threshold 5 % (tiny) / 3 % (default) instead of 1 %; a layer never loses its last op. The ranking check ' +
    'uses 8 architectures and very short stand-alone runs (20 / 60 steps), not full training. Every MBConv op of a slot ' +
    'starts as the same function as the slot’s k3e3 op (with independent random starts the supernet stayed at chance); ' +
    'in a given (e.g. learned) space, cells start from it too (its 1×1 bases and filter). ' +
    'Stand-alone training of a few epochs instead of 350; the hand-designed baseline (every slot MB k3 e3) is trained ' +
    'with the same recipe for comparison.',
  settings: padnasSettings,
  // A chosen profile makes predicted latency the second objective and the window's unit; without one, MACs.
  profile: () => 'optional',
  // `--space FILE`: search a saved (e.g. learned) space instead of the hand-designed one (config `space`).
  acceptsSpace: true,
  events: padnasEvents,
  lesson: padnasLesson,
  sketch: padnasSketch,
  resumable: true,
  loadRun: () => import('./run/index'),
  loadView: () => import('./view/index'),
} satisfies MethodDescriptor<PadNasSettings, PadNasSnapshot>;
