/**
 * Random search, the honest baseline (METHODS.md §4b): draw N architectures uniformly from the shared skeleton's
 * single-path space inside a MACs or latency window, train each briefly from scratch, pick the best on the validation
 * split, retrain it from scratch and test it once. The pure descriptor: imported by the UI, the URL code and the CLI;
 * its tfjs part (run/) and its view (view/) load lazily.
 *
 * This folder is the example to copy for a new method: index.ts (descriptor), config/settings/hints (one settings
 * declaration), snapshot types, pure logic with tests, run/ (tfjs), view/ (React + d3).
 */
import type { MethodDescriptor } from '../descriptor';
import { randomSketch } from './sketch';
import { randomEvents } from './events';
import { randomLesson } from './lesson';
import type { RandomConfig } from './config';
import { randomSettings } from './settings';
import type { RandomSnapshot } from './snapshot';

export type { RandomConfig } from './config';
export type { RandomCandidate, RandomSnapshot, RandomWindow } from './snapshot';

export const randomMethod = {
  id: 'random',
  label: 'Random search (the honest baseline)',
  tab: 'Random search',
  summary: 'Draw architectures at random inside a MACs or latency window, train each briefly, retrain the best on validation, test it once.',
  differences:
    'Ours, after Li & Talwalkar (UAI 2019), who found random search a strong baseline that several weight-sharing methods ' +
    'failed to beat. Here every candidate trains from scratch for the same short step budget (same data order, constant ' +
    'learning rate), without early stopping or weight sharing; only validation accuracy picks the winner, which is ' +
    'retrained from scratch with the common recipe and evaluated on the test split once.',
  settings: randomSettings,
  profile: (c: RandomConfig) => (c.objective === 'latency' ? 'required' : 'optional'),
  events: randomEvents,
  lesson: randomLesson,
  sketch: randomSketch,
  resumable: true,
  loadRun: () => import('./run/index'),
  loadView: () => import('./view/index'),
} satisfies MethodDescriptor<RandomConfig, RandomSnapshot>;
