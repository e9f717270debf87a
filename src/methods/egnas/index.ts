/**
 * Efficient Global NAS (Siddiqui, Kyrkou, Theocharides 2025; METHODS.md §3): a macro search of a plain chain's depth
 * then width, then a micro search of each layer's operation and kernel at a matched parameter count, with training
 * budgets that grow for deeper and narrower candidates (the paper's architecture-aware approximation). The pure
 * descriptor: imported by the UI, the URL code and the CLI; its tfjs part (run/) and its view (view/) load lazily.
 */
import type { MethodDescriptor } from '../descriptor';
import { egnasSketch } from './sketch';
import { egnasEvents } from './events';
import { egnasLesson } from './lesson';
import type { EgnasConfig } from './config';
import { egnasSettings } from './settings';
import type { EgnasSnapshot } from './snapshot';

export type { EgnasConfig } from './config';
export type { EgnasCandidate, EgnasSnapshot, RankingResult, RankingRow } from './snapshot';

export const egnasMethod = {
  id: 'egnas',
  label: 'Efficient Global NAS (macro then micro, architecture-aware budgets)',
  tab: 'Efficient Global NAS',
  summary: 'Grow a plain chain deeper, then thinner, each candidate trained from scratch with a budget that grows with it; then swap ops and kernels layer by layer at equal parameters.',
  differences:
    'Follows the authors\' released search.py, scaled to 28×28 (C 8–32, L 4–15, budgets in epochs of the training split). ' +
    'Every decision uses a validation split taken from the training data; the authors\' code validates on the test set, which here is read once, ' +
    'for the retrained result. Tolerances sit at the noise of ~1,000 validation images (0.5 point) instead of the paper\'s 0.1 point; the width ' +
    'phase compares with the best accuracy of the phase, so accepts within the band cannot walk it down; parameter matching is relative ' +
    '(P0·(1 + slack)) with C never below half of C_min (the authors\' loop has no floor), and the kernel phase keeps the operation phase\'s P0 (the authors\' code re-measures it). ' +
    'The fair-ranking demo and its Kendall τ are ours.',
  settings: egnasSettings,
  profile: () => 'optional',
  events: egnasEvents,
  lesson: egnasLesson,
  sketch: egnasSketch,
  resumable: true,
  loadRun: () => import('./run/index'),
  loadView: () => import('./view/index'),
} satisfies MethodDescriptor<EgnasConfig, EgnasSnapshot>;
