/** The "?" texts of random search: one per setting (the form and the CLI help use them) and the charts'. */

export const FIELD_HINTS = {
  samples:
    'How many architectures to draw at random from the space (only ones inside the window count). More samples find better networks more often, at a proportional cost in time.',
  steps:
    'Training steps each sampled architecture gets before it is scored on the validation split. Short budgets rank networks roughly; longer ones rank them better but cost more.',
  finalEpochs: 'Epochs the best architecture is retrained from scratch for, with fresh weights, before the test split is used once.',
  objective:
    'What the window limits: MACs (multiply-accumulates, counted from the architecture) or latency predicted by the chosen device profile (measure one on the Profile screen first).',
  windowLo: 'Lower edge of the window: 0 is the cheapest architecture of the space, 1 the dearest. Architectures cheaper than this are skipped.',
  windowHi: 'Upper edge of the window (0 = cheapest, 1 = dearest architecture of the space). Architectures dearer than this are skipped.',
  ops: 'Which MBConv ops each layer may pick: all = kernels 3/5/7 with expansion 3 or 6; k35 drops the 7×7 kernels; k3 keeps 3×3 only; e3 keeps expansion 3 only. Identity is added where the shape allows.',
  trainLimit: 'Train on a fixed random subset of this many training images (0 = all of them). Smaller is faster and noisier.',
  lr: 'Learning rate of SGD with momentum 0.9, for the short runs (constant) and the final retraining (cosine decay).',
  batchSize: 'Images per training step.',
  seed: 'Seeds the architecture draws, the weights and the data order: the same seed gives the same run.',
  width: 'Multiplies every channel count of the skeleton (0.5 = half as wide, about a quarter of the MACs).',
  tiny: 'Use a stride-2 stem: the network works on 14×14 feature maps, about 4× fewer MACs. For quick runs.',
  bnRecal:
    'Re-estimate the batch-norm statistics from a few training batches before scoring each candidate: after a short run they still lag behind the weights, which makes validation accuracy noisy.',
} as const;

export const CHART_HINTS = {
  scatter:
    'Each dot is one randomly drawn architecture, placed by its cost (MACs, or latency predicted by the device profile) and its validation accuracy after a short training. Dots appear as candidates finish. The shaded band is the window: only architectures inside it are drawn. The ringed dot is the best so far; it is retrained from scratch at the end and tested once. Random search is the baseline every NAS method should beat.',
  table: 'Every sampled architecture, best validation accuracy first. Only validation accuracy chose the winner; the test split was used once, on the retrained winner.',
} as const;
