/**
 * Plain-words explanations behind every "?" of the AutoSpace-style live view and result (the settings' "?" texts live
 * with the method's settings). The paper's search code is unpublished: what is ours is said so.
 */

export const INTRO =
  'A normal NAS method searches a space someone designed by hand (here: MBConv ops per layer). AutoSpace first learns the space itself: every layer (slot B1–B7) keeps a population of candidate cells, small 4-node graphs of convolutions. Each iteration a tournament picks K cells per slot, the supernet mixes their outputs with softmax(α) weights learned by backprop together with the weights, and a cell’s fitness follows the α it earns. Weak cells are dropped, mutants of strong ones are added. At the end each slot’s top-K cells are the learned search space, which the same PAD-NAS search then explores — the payoff panel shows whether that beat the hand-designed space.';

export const CHART_HINTS = {
  intro: INTRO,
  board:
    'One row per searched slot. Each card is one cell of that slot’s population, best fitness first: its glyph is the cell’s graph (node 0 = input after the 1×1 expansion, node 3 = output; edges labelled 3/5/7 = depthwise k×k, 1 = 1×1 conv, = identity; zero edges are not drawn; e = expansion ratio). The bar under it is its fitness. Cards with a thick outline are this iteration’s tournament picks (their α weight shown); ★ marks the reference cell (MB k3 e3), which is never dropped; a green dot marks a cell just added (a mutant of a fit cell, born in the last finished iteration). In the paper the tournament samples K cells by fitness; here [ours] a slot keeps 6 (tiny preset) or 14 (default) cells and K = 2 or 3.',
  boardSlots: 'Show every slot, or one slot with larger glyphs (edge ops then spelled out: dw3, 1×1, id).',
  alpha:
    'For the chosen slot, one bar per iteration: how the supernet weighted that iteration’s K tournament picks (softmax of their architecture parameters α, learned by gradient descent with the weights). A segment that grows means that cell is pulling its weight; its fitness rises with it. Colours follow the cells (the same cell keeps its colour).',
  alphaSlot: 'Which slot’s softmax(α) history to show.',
  topK:
    'One row per slot, one column per iteration: the K fittest cells of the slot after that iteration, best on top. The same cell keeps its colour, so long horizontal runs mean the learned space is settling; a ring marks a cell that entered the top-K that iteration. The last column is the learned search space so far.',
  budget:
    'Expected cost of the mixed supernet: for each slot, the softmax(α)-weighted cost of its picks, summed over slots plus the fixed layers — against the budget. Above it the loss gets the penalty μ · max(0, E[cost]/budget − 1), pushing α toward cheaper cells. The paper budgets MAdds; the cost here is MMACs or, with a device profile, predicted milliseconds. The line shows E[cost] at each iteration.',
  payoff:
    'The paper’s claim, checked on this device: the same PAD-NAS search run in the learned space (each slot’s top-K cells) and in the hand-designed space (MBConv ops), and the resulting networks trained stand-alone with one shared recipe. Each point is a network: validation accuracy against cost — in the browser its inference latency measured on this device once training ends (batch 1, the median of 21 timed runs), otherwise predicted latency or MACs; the axis says which. The lines are each space’s Pareto front (nothing else is both cheaper and more accurate); the shaded area up to the reference point is its hypervolume — larger is better. The verdict compares the two hypervolumes.',
  result:
    'What the run learned: each slot’s top-K cells (the learned search space) and the payoff — both spaces’ fronts of stand-alone validation accuracy against cost, their hypervolumes and the verdict.',
} as const;
