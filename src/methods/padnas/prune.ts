/**
 * PAD-NAS progressive pruning (METHODS.md §2), pure: the share p_ij of op i at layer j among the architectures of
 * non-domination rank < k, and the ops at or under the threshold removed from each layer's set.
 */
import type { Genotype } from '../../core/space/singlePath';

/** Per slot: op name → share of `archs` using it at that slot (0 for ops of the set nobody used). */
export function opShares(archs: readonly Genotype[], space: readonly (readonly string[])[]): Record<string, number>[] {
  return space.map((ops, j) => {
    const out: Record<string, number> = Object.fromEntries(ops.map((op) => [op, 0]));
    if (archs.length === 0) return out;
    for (const g of archs) if (g[j] in out) out[g[j]] += 1;
    for (const op of ops) out[op] /= archs.length;
    return out;
  });
}

/** What one pruning did. */
export interface PruneResult {
  /** The smaller space. */
  space: string[][];
  /** Ops removed per slot. */
  removed: string[][];
}

/**
 * Remove op i from slot j when p_ij ≤ threshold. A slot never becomes empty: when every op would go (no archs at all),
 * the slot keeps its most-shared ops [ours: the paper's large populations never hit this].
 */
export function pruneByShare(space: readonly (readonly string[])[], shares: readonly Record<string, number>[], threshold: number): PruneResult {
  const next: string[][] = [];
  const removed: string[][] = [];
  space.forEach((ops, j) => {
    let keep = ops.filter((op) => (shares[j][op] ?? 0) > threshold);
    if (keep.length === 0) {
      const best = Math.max(...ops.map((op) => shares[j][op] ?? 0));
      keep = ops.filter((op) => (shares[j][op] ?? 0) === best);
    }
    next.push(keep);
    removed.push(ops.filter((op) => !keep.includes(op)));
  });
  return { space: next, removed };
}

/** The genotypes with rank < k from a list of (genotype, rank) records (e.g. every generation's population). */
export function topRanked(records: readonly { genotype: Genotype; rank: number }[], k: number): Genotype[] {
  return records.filter((r) => r.rank < k).map((r) => r.genotype);
}
