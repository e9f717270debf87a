/**
 * What each preset name means, the same for every method (presets share their names and their intent; each method's
 * own sizes are in its settings and the README): shown on the preset buttons and in the "?" beside them.
 */
export const PRESET_NOTES: Readonly<Record<string, string>> = {
  'first-look':
    'The smallest run that reaches the method’s first key moment (a shrink, a pruning round, a scored candidate) within about a minute on the CLI’s CPU backend: a look at the method, not a result.',
  tiny: 'A few hundred to a few thousand images and short budgets: 3–7 minutes per method on the CLI’s CPU backend of the 2-core development machine. The README’s tiny figures come from it.',
  default:
    'The method at the scale of the README’s main figures: all 8,000 training images and the method’s full ranges. From about an hour to many hours on a CPU, depending on the method (the README gives each one’s); much less on a real GPU.',
  full: 'The recipe of the README’s quality figure: width 1, 5 epochs on the whole training split (98.1 % test on the built-in MNIST).',
  quick: 'A quick demonstration: half width, a stride-2 stem, 3 epochs on 2,000 images.',
};
