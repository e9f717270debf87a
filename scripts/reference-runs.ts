/**
 * Build the reference runs that Compare offers with **Add reference runs** (`npm run reference-runs`):
 *   public/reference-runs.json.gz  one saved-runs bundle (core/runs/bundle.ts) of the result records the README's
 *                                  figures come from, without weights, each named for what it is
 * Every record is read from its committed file under docs/ and checked as Compare's Import runs checks it; the output
 * is byte-for-byte the same for the same inputs (no build time inside). Fails loudly when a file is missing or broken.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { serializeBundle } from '../src/core/runs/bundle';
import { parseRunsFile } from '../src/core/runs/runsFile';
import type { SavedRun } from '../src/core/runs/savedRun';
import { REFERENCE_RUNS_PATH } from '../src/state/referenceRuns';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What the runs are marked with in Compare ("imported from …"). */
export const REFERENCE_ORIGIN = "reference runs: the project's CLI on tfjs cpu, 2-core development VM";

/** One reference run: its committed record (relative to the repository) and the name it gets in Compare. */
export interface ReferenceEntry {
  file: string;
  name: string;
}

const seeds = [1, 2, 3] as const;

/** The runs, in the order Compare lists them when sorted by nothing else. */
export const REFERENCE_RUNS: readonly ReferenceEntry[] = [
  { file: 'docs/compare-tiny/random-s1.json', name: 'Reference · random search, tiny, seed 1' },
  { file: 'docs/compare-tiny/atomnas-s1.json', name: 'Reference · AtomNAS, tiny, seed 1' },
  { file: 'docs/compare-tiny/padnas-s1.json', name: 'Reference · PAD-NAS, tiny, seed 1' },
  { file: 'docs/compare-tiny/egnas-s1.json', name: 'Reference · Efficient Global NAS, tiny, seed 1' },
  { file: 'docs/compare-tiny/autospace-s1.json', name: 'Reference · AutoSpace-style, tiny, seed 1' },
  ...seeds.map((s) => ({ file: `docs/random-results/default-s${s}.json`, name: `Reference · random search, default, seed ${s}` })),
  ...seeds.map((s) => ({ file: `docs/atomnas-results/default-s${s}.json`, name: `Reference · AtomNAS, default, seed ${s}` })),
  ...seeds.map((s) => ({ file: `docs/padnas-results/default-s${s}.json`, name: `Reference · PAD-NAS, default, seed ${s}` })),
  ...seeds.map((s) => ({ file: `docs/egnas-results/default-s${s}.json`, name: `Reference · Efficient Global NAS, default, seed ${s}` })),
  ...seeds.map((s) => ({ file: `docs/autospace-results/default-s${s}.json`, name: `Reference · AutoSpace-style, default, seed ${s}` })),
  ...seeds.map((s) => ({
    file: `docs/random-results/baseline-default-s${s}.json`,
    name: `Reference · hand-designed baseline ×1, 5 epochs (the recipe of random search's and AutoSpace-style's final training), seed ${s}`,
  })),
  ...seeds.map((s) => ({
    file: `docs/atomnas-results/baseline-w0.6-s${s}.json`,
    name: `Reference · hand-designed baseline ×0.6, 5 epochs (AtomNAS default's data and recipe), seed ${s}`,
  })),
  { file: 'docs/atomnas-results/baseline-w1-s1.json', name: "Reference · hand-designed baseline ×1, 5 epochs (AtomNAS default's data and recipe), seed 1" },
  ...([
    [1.2, 1],
    [1.5, 2],
    [1.4, 3],
  ] as const).map(([w, s]) => ({
    file: `docs/padnas-results/baseline-w${w}-s${s}.json`,
    name: `Reference · hand-designed baseline ×${w}, 5 epochs, at PAD-NAS default seed ${s}'s MACs (its final training's recipe), seed ${s}`,
  })),
];

/** The saved run of one entry, as Import runs would store it, under the entry's name and the reference origin. */
function referenceRun(root: string, e: ReferenceEntry): SavedRun {
  let text: string;
  try {
    text = readFileSync(join(root, e.file), 'utf8');
  } catch (err) {
    throw new Error(`${e.file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  let parsed;
  try {
    parsed = parseRunsFile(text, '1970-01-01T00:00:00.000Z');
  } catch (err) {
    throw new Error(`${e.file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (parsed.kind !== 'record') throw new Error(`${e.file}: a result record was expected, not a ${parsed.kind}`);
  const run = parsed.runs[0];
  const record = run.record;
  if (!record) throw new Error(`${e.file}: the record is missing`);
  return { ...run, name: e.name, savedAt: record.card.date, importedFrom: REFERENCE_ORIGIN };
}

/** The bundle text of `entries` (read under `root`): deterministic, dated by the newest record. */
export function referenceBundle(entries: readonly ReferenceEntry[] = REFERENCE_RUNS, root: string = ROOT): string {
  const runs = entries.map((e) => referenceRun(root, e));
  const ids = new Set(runs.map((r) => r.id));
  if (ids.size !== runs.length) throw new Error('two reference records share a runId');
  const newest = runs.map((r) => r.savedAt).sort().at(-1) ?? '1970-01-01T00:00:00.000Z';
  return serializeBundle(runs, REFERENCE_ORIGIN, newest);
}

function main(): void {
  const text = referenceBundle();
  const out = join(ROOT, 'public', REFERENCE_RUNS_PATH);
  const gz = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
  writeFileSync(out, gz);
  console.log(`wrote ${out}: ${REFERENCE_RUNS.length} runs, ${(text.length / 1e3).toFixed(0)} kB of JSON, ${(gz.length / 1e3).toFixed(0)} kB gzipped`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
