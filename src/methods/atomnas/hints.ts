/** Plain-words explanations behind every "?" of the AtomNAS screen: what it is, what the paper does, where we differ. Pure text. */

/** The "?" of each setting, by config key (the settings fields carry them; the CLI help takes the first sentence). */
export const FIELD_HINTS = {
  preset:
    'Starting points. "tiny" uses the small skeleton (first conv with stride 2, ~2.2 M MACs supernet), 1,280 training images and strong settings so atoms die within a minute or two on a GPU. "default" is the full 28×28 skeleton (~7.6 M MACs). Picking a preset resets the AtomNAS settings below.',
  kernels: 'Kernel sizes of the depthwise convolutions. Every searched block gets one branch per size, so the search can mix 3×3, 5×5 and 7×7 channels inside one block (the paper uses 3/5/7).',
  expansion: 'Channels per branch = expansion × input channels. The paper uses 3 for every kernel (so a block starts with 9× its input channels in total).',
  rho:
    'ρ: how hard the penalty pulls every gate γ towards zero. Larger ρ = more atoms die = smaller network, lower accuracy. The paper uses 1e-4…1.8e-4 over 350 epochs; runs of a few epochs need far larger values. ρ ramps up linearly over the first 7% of steps, as in the paper’s code.',
  penalty:
    'What an atom costs in the penalty. "macs": its multiply-adds divided by the average atom’s (the paper’s resource-aware penalty: expensive atoms, e.g. 7×7 at high resolution, are pushed harder). "uniform": every atom costs 1 (network slimming, the paper’s ablation). "latency": what one channel of the atom’s branch costs on your device — the slope of the profile’s fit of branch latency against hidden width, divided by the average atom’s, like "macs". It uses the search-target profile of the Latency profiler (named below the choice); without one, or when that profile did not measure some block shape or kernel of this supernet, it is unavailable and says why (never estimated behind your back). Latency figures are then shown as "predicted (profile …)": predictions, not measurements.',
  targetMode:
    'Playground extension (not in the paper, users asked for it): instead of a fixed ρ, aim at a MACs target. At every shrink check ρ is multiplied up or down so the network’s MACs follow a straight path from the supernet down to the target, reached at 70% of training.',
  targetMacs:
    'The MACs the network should end near, in millions: 0.6 means 0.6 M MACs, in the form, the link and the command line (--target-macs 0.6). Used only in target mode (command line: add --target-mode). Atoms that were removed never come back, so the controller errs on the side of removing too little.',
  threshold: 'An atom is dead when |γ| is at or below this in both the live and the averaged (EMA) weights. The paper uses 1e-3.',
  shrinkFrac:
    'Dead atoms are physically removed only once they add up to this share of the supernet’s MACs (the paper: about 1 M MACs of a 1.4 G supernet, ~0.07%; short runs here use 0.5%).',
  shrinkEvery: 'How often (in training steps) dead atoms are counted and removed. The paper checks once per epoch; 0 here means once per epoch too.',
  epochs: 'Training epochs. There is no retraining: the network left at the end is the result.',
  seed: 'Seed of the weight initialisation and of the data order: the same seed and settings give the same run.',
  emaDecay: 'Decay of the exponential moving average of the weights (the paper: 0.9999 over 350 epochs). The averaged network is the one evaluated and exported. 0 turns it off (then only the live γ decides).',
  proximal:
    'Playground extension: handle the L1 penalty with a proximal step γ ← sign(γ)·max(|γ| − η·ρ·penalty, 0) after each update (η = learning rate / (1 − momentum)), so gates land exactly on 0. Off = the paper’s way, the penalty’s gradient inside the loss, where gates tend to hover near zero.',
  lr: 'Peak learning rate (cosine schedule).',
  batchSize: 'Images per training step. Larger batches give smoother gradients and fewer steps per epoch; the training subset must hold at least one batch.',
  optimizer: 'SGD with momentum 0.9, or RMSprop with ε = 1e-3 inside the square root as in the AtomNAS code. Adam is not offered: its normalisation keeps γ hovering instead of reaching zero.',
  trainLimit: 'Train on a random subset of N training images (0 = all 8,000), the same subset for every seed: fewer images = faster epochs. Validation and test stay complete.',
} as const;

export const CHART_HINTS = {
  bars:
    'Each bar is one searched block of the network (B1 first; ↓ = it halves the resolution, + = it has a residual connection). Colours count the atoms still alive per kernel size; the faint outline is what the supernet started with. Bars drop when a shrink event removes dead atoms. A block with a residual connection can vanish completely (it becomes an identity); one without keeps at least one atom. The fixed first block is not searched.',
  hist:
    'How big the gates γ of the surviving atoms are, on a log scale. The penalty drags the distribution left; atoms left of the red line (in both live and averaged weights) are dead and will be removed at the next check. Exact zeros (from the proximal step) sit in the leftmost bin.',
  curves:
    'MACs and parameters of the current network as % of the supernet, step by step; dashed verticals mark shrink events. In target mode the dotted line is the plan. With a search-target profile the amber line is the network’s latency predicted from that profile’s lookup table (a prediction, not a measurement: the profile’s validation in the Latency profiler shows how far its predictions were from measured end-to-end latency); it steps down with MACs but not in proportion, because small late-stage layers cost more per MAC on most devices. The paper’s networks keep 20–28% of the supernet’s atoms.',
  val: 'Accuracy on the validation split (held-out training images, never the test set), measured after every epoch with BN statistics re-estimated first, because removing channels changes the activations BN normalises.',
  scatter:
    'Every surviving atom: its cost (MACs) against |γ|. With the "macs" penalty the expensive atoms (right) feel a stronger pull, so they die first unless they are worth it; with "uniform" cost plays no role.',
  events:
    'Every physical removal: which blocks lost how many atoms per kernel size, and the MACs before and after. A block whose atoms all died and that has a residual connection becomes an identity.',
  result:
    'Test accuracy of the network the search left behind, without retraining (AtomNAS’s claim). “Retrain from scratch” below trains the same architecture from new random weights with the Train screen’s recipe, on the same images and seed, for comparison; Export still gives the searched network.',
} as const;
