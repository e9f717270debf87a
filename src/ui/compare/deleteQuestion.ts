/** The question asked before saved runs are deleted: which ones (by name, a few at most), and how to keep a copy. */
export function deleteRunsQuestion(names: readonly string[]): string {
  const n = names.length;
  const shown = names.slice(0, 3).map((x) => `"${x}"`);
  const list = n <= 3 ? shown.join(', ') : `${shown.join(', ')} and ${n - 3} more`;
  const what = n === 1 ? `the saved run ${list} and its weights` : `${n} saved runs (${list}) and their weights`;
  return `Delete ${what} from this browser? This cannot be undone; export ${n === 1 ? 'it' : 'them'} first to keep a copy.`;
}
