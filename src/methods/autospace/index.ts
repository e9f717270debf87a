/**
 * The AutoSpace-style search (METHODS.md §4): evolve a population of cells per layer of the shared skeleton, mix K of
 * them per layer with learned weights α, keep each layer's K fittest cells as a learned search space, and test the
 * paper's claim by running the same PAD-NAS search in the learned and in the hand-designed space. The pure descriptor:
 * imported by the UI, the URL code and the CLI; its tfjs part (run/) and its view (view/) load lazily.
 */
import type { MethodDescriptor } from '../descriptor';
import { autospaceSketch } from './sketch';
import { autospaceEvents } from './events';
import { autospaceLesson } from './lesson';
import type { AutoSpaceConfig } from './config';
import { autospaceSettings } from './settings';
import type { AutoSpaceSnapshot } from './snapshot';

export type { AutoSpaceConfig } from './config';
export type { AutoSpaceSnapshot } from './snapshot';

export const autospaceMethod = {
  id: 'autospace',
  label: 'AutoSpace-style (evolved, layer-wise search space)',
  tab: 'AutoSpace-style',
  summary:
    'Evolve a population of cells per layer (mixed K at a time with learned weights), keep the K fittest per layer as a learned search space, then compare PAD-NAS in it against the hand-designed space.',
  differences:
    'AutoSpace-style: Zhou et al. (ICCV 2021) published configs but no search code, so the loop follows the paper’s ' +
    'figure caption and abstract and every gap is filled by our choices. Ours: 28×28 data and the 7-slot shared skeleton ' +
    'instead of ImageNet; a cell is a 1×1 expand, a 4-node DAG whose 6 edges are each one of {zero, identity, dw3, dw5, ' +
    'dw7, 1×1 conv}, a 1×1 project (+ residual); 6 (tiny) / 14 (default) cells per layer and K = 2 / 3 instead of the ' +
    'paper’s sizes; K distinct cells drawn per iteration by repeated binary tournaments on fitness; α trained by the ' +
    'same SGD as the weights at 10× their learning rate (one optimizer keyed by variable name, so state follows each ' +
    'cell when the picks change); ' +
    'fitness = moving average of K·softmax(α) of the drawn cells (weight 0.5), a new cell starts with 1 (an even ' +
    'share); after each iteration the fittest cells are mutated in one place (an edge op or the expansion) into children ' +
    'that inherit their fitness and, where shapes match, their weights, and as many least-fit cells leave; the ' +
    'reference cell (MB k3 e3) never leaves but is not forced into the mix. Budget term μ·max(0, E[cost]/budget − 1) ' +
    'with the budget a multiple of the reference network, in MACs or, with a device profile that can price cells, ' +
    'predicted latency (otherwise MACs, said in the record). Evolution runs a few hundred steps, not epochs. The payoff ' +
    'runs our PAD-NAS (itself unofficial) in both spaces instead of ProxylessNAS, trains each front’s networks briefly ' +
    'with one recipe and compares hypervolumes — in the browser on latency measured on this device, in the CLI on predicted latency or MACs; the result is the learned front’s best on validation, retrained from ' +
    'scratch and tested once.',
  settings: autospaceSettings,
  profile: (c: AutoSpaceConfig) => (c.objective === 'latency' ? 'required' : 'optional'),
  events: autospaceEvents,
  lesson: autospaceLesson,
  sketch: autospaceSketch,
  resumable: true,
  loadRun: () => import('./run/index'),
  loadView: () => import('./view/index'),
} satisfies MethodDescriptor<AutoSpaceConfig, AutoSpaceSnapshot>;
