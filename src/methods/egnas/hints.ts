/** The "?" texts of Efficient Global NAS: one per setting (the form and the CLI help use them) and the charts'. */

/** Why the tolerances are what they are (shown beside the tolerance settings and the trajectory). */
export const NOISE_NOTE =
  'The paper accepts a deeper network for a 0.1-point gain. Here the validation split has about 1,000 images: one image is 0.1 point, and the standard error of an accuracy near 97% is about 0.5 point (near 90%, about 1 point). A 0.1-point rule would follow noise, so the playground\'s tolerances sit at the noise level (ours, after METHODS.md §3).';

export const FIELD_HINTS = {
  Lmin: 'Depth of the first candidate (layers after the stem). The depth phase starts here, wide and shallow, and adds one layer per candidate.',
  Lmax: 'The deepest chain the depth phase may try; it stops here even when deeper networks keep improving.',
  Cmin: 'The narrowest width the width phase may reach. The micro phase\'s parameter matching may give back channels down to half of it.',
  Cmax: 'The width of the depth phase (channels of the first stage; they double at ⌊L/3⌋ and ⌊2L/3⌋). The width phase shrinks from here.',
  widthStep: 'Channels removed per width-phase candidate (the paper: 2).',
  startEpochs: 'Epochs of the first, shallowest candidate. Every later budget is counted from here.',
  depthEpochStep: 'Epochs added per deeper candidate (the paper: 1). Deeper networks learn more slowly, so each gets a longer budget: the paper\'s architecture-aware training.',
  widthEpochStep: 'Epochs added per narrower candidate (the paper: 2). Narrower networks also need longer to show what they can do.',
  microEpochs: 'Epochs of every operation and kernel candidate (the authors\' code resets the budget to 2 for this phase).',
  addTol: `Validation accuracy (fraction) a deeper chain must gain to be accepted. ${NOISE_NOTE}`,
  dropTol: 'Accuracy drop (fraction) still treated as "no drop": a deeper chain this close to the best is neutral (not a failure), and a narrower chain this close is accepted. Same noise argument as the add tolerance.',
  microTol: 'Gain (fraction) an operation or kernel change needs to be kept (the authors keep any gain at all, which is noise at this split size).',
  paramTol: 'Parameter slack of the micro phase as a fraction: a Conv or k5 layer costs more parameters, so C is lowered until the network has at most P0·(1 + this) parameters (the authors allow P0 + 0.01 M, which is a quarter of a 28×28 chain).',
  failLimit: 'Failures since the last accept that end the depth or the width phase (the paper: 2).',
  rankCandidates: 'Chains of different depth and width in the fair-ranking demo (0 turns the demo off). Each trains three times: fixed budget, architecture-aware budget and a longer reference.',
  rankFixedEpochs: 'The one budget every demo chain gets in the fixed ranking.',
  rankRefEpochs: 'Epochs of the reference training that both rankings are compared with (longer training ranks networks more truthfully). The demo only picks chains whose architecture-aware budget is shorter than this.',
  trainBaseline:
    'After the search, also train the hand-designed network of the Train screen (every slot MBConv k3 e3), at the width multiplier whose parameter count is nearest the found chain\'s, from fresh weights with the found chain\'s epoch budget and recipe, and test it once. Answers "did the search beat a hand-designed network of the same size?". Adds one training as long as the final one.',
  trainLimit: 'Train on a fixed random subset of this many training images (0 = all of them). An epoch is one pass over them.',
  lr: 'Peak learning rate of SGD with momentum 0.9, cosine-decayed over each candidate\'s own budget (as the authors\' code).',
  batchSize: 'Images per training step.',
  tinyStem: 'Give the stem stride 2: the chain works on 14×14 feature maps, about 4× fewer MACs. For quick runs (ours; the paper\'s stem keeps the full resolution).',
  seed: 'Seeds the weights, the data order and the demo: the same seed gives the same run.',
} as const;

export const CHART_HINTS = {
  trajectory:
    'The search as it runs. Left, depth: each dot is a chain one layer deeper than the last, at C_max, trained from scratch with one more epoch than the one before (the bar under it): deeper chains learn more slowly, so a fixed budget would judge them unfairly. ✓ accepted (gained at least the add tolerance), ○ neutral (within the band: keep going deeper), ✗ failed (dropped below the band); two failures end the phase. Middle, width: the found depth at narrower widths, each with two more epochs; ✓ when accuracy does not drop beyond the tolerance. The shaded band is the tolerance around the best accuracy so far.',
  micro:
    'The micro phase, one cell per layer: top row operations (S = SepConv, C = Conv), bottom row kernels (3 or 5). A Conv or a 5×5 kernel has more parameters, so C is lowered until the network fits the reference\'s parameter count (the number under a cell is the width it was tried at). Green: the change was kept (validation accuracy improved beyond the micro tolerance); grey: reverted; red outline: no width down to half of C_min fits.',
  curves:
    'Every candidate\'s validation accuracy after each epoch of its own training, coloured by phase. Later depth and width candidates have longer curves: their budgets grow.',
  costs:
    'Parameters and MACs of each accepted candidate (and the micro reference and kept changes), with latency predicted by the chosen device profile when there is one. Accepted depth steps grow the network; width steps shrink it.',
  ranking:
    'The paper\'s key claim: rank chains of different depth and width after (a) one fixed epoch budget for all and (b) the architecture-aware budget (more epochs for deeper and narrower chains), and compare both rankings with a ranking after longer training (Kendall τ: 1 = same order, 0 = unrelated). The numbers are what this run measured, whichever way they come out.',
  baseline:
    'The found chain beside the Train screen\'s hand-designed network (every slot MBConv k3 e3) at the width multiplier whose parameter count is nearest the found chain\'s. Both trained from fresh weights with the same epochs (the discovered budget), optimiser, schedule and data, and tested once. Parameters are matched, not MACs or latency: compare those columns too.',
  baselineLive:
    'After the search and the fair-ranking demo, the Train screen\'s hand-designed network (every slot MBConv k3 e3) is trained at the width whose parameter count is nearest the found chain\'s, with the found chain\'s epochs and recipe. Its validation accuracy shows here when it is done; both networks are tested once, at the very end, and compared in the result.',
  result:
    'The chain the search found, retrained from scratch with the discovered epoch budget; only validation accuracy steered the search, and the test split was used once, here.',
} as const;
