/**
 * The data every CLI command trains on: the built-in MNIST (or another built-in file with --data). Returns the
 * dataset, its split and the host facts a record's card needs.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { RunHost } from '../core/method/card';
import { decodeBuiltin } from '../data/builtin';
import type { Dataset, DataSplit } from '../data/dataset';
import { mnistSplit } from '../data/split';
import type { BackendInfo } from '../engine/backend';
import type { FlagSpec, FlagValue } from './args';

export const DEFAULT_DATA = fileURLToPath(new URL('../../public/data/mnist-10k.bin', import.meta.url));

export const DATA_FLAGS: readonly FlagSpec[] = [{ name: 'data', type: 'string', help: 'built-in dataset file (default public/data/mnist-10k.bin)' }];

export interface CliData {
  dataset: Dataset;
  split: DataSplit;
  files: string[];
}

/** Read the data the flags name. */
export async function loadCliData(f: Record<string, FlagValue>): Promise<CliData> {
  const path = (f.data as string | undefined) ?? DEFAULT_DATA;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    throw new Error(`--data ${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))})`);
  }
  const dataset = decodeBuiltin(path.split(/[\\/]/).pop() ?? 'data', bytes);
  return { dataset, split: mnistSplit(dataset.n), files: f.data !== undefined ? [path] : [] };
}

/** The card's host facts for a CLI run. */
export function cliHost(backend: BackendInfo, d: CliData): RunHost {
  const ds = d.dataset;
  return {
    backend: backend.backend,
    adapter: null,
    tfjsVersion: backend.tfjsVersion,
    dataset: { name: ds.name, source: ds.source, files: d.files, n: ds.n, height: ds.height, width: ds.width, channels: ds.channels, numClasses: ds.numClasses },
    split: { seed: d.split.seed, train: d.split.train.length, val: d.split.val.length, test: d.split.test.length },
  };
}
