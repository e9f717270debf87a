/** The "?" texts of the AutoSpace-style search: one per setting (the form and the CLI help use them). */

const STYLE =
  'AutoSpace-style: the authors published no search code, so this playground fills the gaps with its own choices (listed under "where we differ").';

export const FIELD_HINTS = {
  population: `Cells each of the 7 searched layers keeps. A cell is a small block (1×1 expand, a 4-node graph of depthwise / 1×1 / identity edges, 1×1 project) named like c3-zz3zzz. The reference cell c3-zz3zzz (= MobileNet block k3 e3) is always one of them. ${STYLE}`,
  k: 'How many cells of each layer are drawn per iteration (by tournament on fitness) and mixed: the layer outputs the softmax(α)-weighted sum of these K cells. At the end each layer keeps its K fittest cells: that is the learned search space.',
  iterations: 'Rounds of evolution. Each round: draw K cells per layer, train their weights and mixing weights α together, update fitness from α, mutate the fittest cells into new ones and drop the weakest.',
  stepsPerIteration: 'Training steps of the mixed network in each round, before fitness is updated. More steps let α settle, at a proportional cost in time.',
  mutations: 'New cells per layer and round: the fittest cells are each changed in one place (an edge op or the expansion) and join the population; as many of the least fit cells leave it (never the reference cell).',
  alphaLrScale:
    'How many times faster the mixing weights α learn than the network weights (same optimizer). A round has only a few steps, so α needs a larger step to say which cells help; too large and the mix locks onto one cell early.',
  fitnessEma: "How fast a cell's fitness follows its mixing weight: fitness ← (1 − this)·fitness + this·K·softmax(α). 1 forgets the past, small values average over many rounds. A cell that gets an even share has K·softmax(α) = 1.",
  objective: 'What the budget term prices: MACs (multiply-accumulates, counted from the cells) or latency predicted by the chosen device profile. Cells are priced by latency only with a profile measured with "Also measure AutoSpace-style cell parts" on this skeleton; any other profile falls back to MACs, and the run says what is missing.',
  budgetScale: 'The budget as a multiple of the reference network (MobileNet block k3 e3 in every layer): 1.2 allows 20% more. Above budget, the penalty pushes α away from the dearer cells of each layer.',
  mu: 'Strength μ of the budget term μ·max(0, expected cost / budget − 1), added to the training loss. 0 switches it off; under budget it is zero.',
  trainLimit: 'Train on a fixed random subset of this many training images (0 = all of them). Smaller is faster and noisier.',
  lr: 'Learning rate of SGD with momentum 0.9, for weights and α alike (constant during evolution, cosine decay in the final retraining).',
  batchSize: 'Images per training step (evolution and the final retraining).',
  seed: 'Seeds the first populations, the tournaments, the mutations, the weights and the data order: the same seed gives the same run.',
  width: 'Multiplies every channel count of the skeleton (0.5 = half as wide, about a quarter of the MACs).',
  tiny: 'Use a stride-2 stem: the network works on 14×14 feature maps, about 4× fewer MACs. For quick runs.',
  payoff:
    "The paper's claim, tested: run the same PAD-NAS search in the learned space and in the hand-designed space (MobileNet blocks), train each front's networks stand-alone, and compare the fronts by hypervolume. Off: skip it; the result is then the fittest cell of every layer.",
  payoffPreset: 'Which PAD-NAS preset the payoff runs in both spaces (tiny: minutes; default: much longer).',
  standaloneSteps: 'Training steps each front network of the payoff gets from scratch, with one shared recipe, before it is scored on the validation split.',
  frontMax: 'At most this many networks of each front are trained stand-alone in the payoff (more: a fairer comparison, proportionally slower).',
  finalEpochs: 'Epochs the best network of the learned-space front (highest validation accuracy) is retrained from scratch, before the test split is used once.',
} as const;
