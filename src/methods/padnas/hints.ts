/**
 * Plain-words explanations behind every "?" of the PAD-NAS screen: what it is, what the paper does, where we differ.
 * FIELD_HINTS go into the settings fields (form "?" and CLI help); CHART_HINTS belong to the view's charts.
 */

export const FIELD_HINTS = {
  preset:
    'Starting points. "tiny": the small skeleton (first conv stride 2) at half width, 960 training images, a population of 8 for 3 generations and one pruning round — a few minutes on a GPU. "default": the full 28×28 skeleton, all images, population 24 × 9 generations, two pruning rounds (the paper’s M = 4). Picking a preset resets the settings below.',
  ops:
    'Which MBConv ops every layer starts with (identity is added wherever the layer keeps stride 1 and its width). The paper’s basic space is kernels 3/5/7 × expansions 3/6. Smaller families make the search faster, mostly on WebGPU, where every new op shape compiles new GPU kernels.',
  stages:
    'The number of stages M: stage 1 trains the supernet, then M − 2 rounds of search → prune → fine-tune, and the last stage is the final search. The paper uses M = 4 (two prunings).',
  population: 'NSGA-II population size: architectures alive in each generation. The paper uses 64; small numbers here keep the playground fast.',
  generations: 'Generations per search round (each breeds as many children as the population). The paper runs 40.',
  rankK:
    'Only architectures with non-domination rank < k vote: rank 0 is the Pareto front of one-shot accuracy vs latency, rank 1 the front behind it, and so on. The paper uses k = 10 with 64 architectures; here every generation’s population votes (ours), because one small population has too few votes.',
  shareThreshold:
    'An op is removed from a layer when its share among the voters is at or under this. The paper uses 1%; with tens of voters instead of thousands that would almost never prune, so the playground uses 2–5%.',
  window:
    'The latency window, as fractions between the cheapest (0) and the dearest (1) architecture of the full space: children outside it are thrown away before they are evaluated. With a search-target device profile (Latency screen) it is predicted milliseconds on that device; without one it is MACs — the playground says which.',
  bnRecal:
    'Re-estimate every BN’s statistics on a few training batches for each candidate before measuring its one-shot accuracy (what the SPOS code does): the running statistics of a supernet are an average over many different paths and describe none of them.',
  supernetEpochs: 'Epochs of stage-1 supernet training: each step trains one path, one op per layer drawn uniformly from that layer’s current ops.',
  finetuneEpochs: 'Epochs of fine-tuning after each pruning: the smaller supernet keeps (inherits) the weights of the ops that survived.',
  rankArchs: 'Architectures of the ranking check (one-shot vs short stand-alone training), before and after pruning. The paper compares many more.',
  rankSteps: 'Training steps of each ranking architecture’s stand-alone run: very short here, so the “stand-alone” accuracy is a rough proxy of the real one.',
  finalEpochs: 'Epochs of stand-alone training of the found architecture, from fresh weights; then the test split is used, once.',
  trainLimit: 'A seeded random subset of N training images (0 = all 8,000): fewer images = faster stages.',
  lr: 'Learning rate of the supernet (cosine over all supernet training) and of the stand-alone runs.',
  batchSize: 'Images per training step, for the supernet and every stand-alone run. Fewer training images than one batch cannot train.',
  trainBaseline:
    'Also train the hand-designed baseline (every slot MB k3 e3, the Train screen’s network on this skeleton) from fresh weights with the same recipe and test it, so the result compares accuracy as well as latency and MACs. Adds one final training.',
  seed: 'Seed of weights, data order, path sampling and evolution (separate streams): the same seed and settings give the same run.',
} as const;

export const CHART_HINTS = {
  heatmap:
    'Rows are the 7 searched layers (B1 first), columns the candidate ops (MBConv kernel k, expansion e, or identity). Each cell is the share of the good architectures (rank < k) that use this op at this layer, after the latest search round. Ops at or under the threshold are removed: their cells turn grey with ✕ and never come back. “–” marks identity where it is not allowed (the layer changes stride or width).',
  scatter:
    'Every architecture of the current NSGA-II population: latency (x) against one-shot validation accuracy with the supernet’s inherited weights (y). Colour = non-domination rank (dark = rank 0, the Pareto front). The band is the latency window; children outside it are discarded before evaluation. The points move generation by generation. In the paper the latency is a lookup table measured on a phone; here it is the device profile’s prediction (or MACs without a profile).',
  size:
    'How many architectures the search space holds, as a power of ten: the product of the op counts of all layers. Each pruning divides it; the paper shrinks its space by many orders of magnitude over two prunings.',
  ranking:
    'Is one-shot accuracy a good judge? A handful of random architectures are each trained alone for a few steps; Kendall τ compares that ranking with the supernet’s one-shot ranking (1 = same order, 0 = unrelated). PAD-NAS’s claim: pruning the space makes the supernet judge better (paper: τ 0.50 → 0.89). With 8 architectures and very short training here, τ is noisy — it is a lesson, not a measurement.',
  result:
    'The most accurate architecture of the final search inside the window, trained stand-alone from fresh weights and then tested once on the test split (never used for a search decision). The baseline rows price the hand-designed network of the Train screen (every slot MB k3 e3) with the same latency model, so you can see what the search bought; with “Train the baseline too” on, the baseline is also trained with the same recipe and tested, so accuracy compares as well.',
  differs:
    'How the playground differs from the paper: 28×28 images instead of ImageNet; a 7-layer skeleton instead of 21; populations of 8–24 and a few generations instead of 64 × 40; every generation votes, threshold 2–5% instead of 1%; latency from this device’s profile (or MACs) instead of a Pixel-3 lookup table; stand-alone training of a few epochs instead of 350. No PAD-NAS code is public: the algorithm follows the paper’s text.',
} as const;
