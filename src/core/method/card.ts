/** The run card of a record from where the run happened (backend, adapter, dataset) and what it was given. Pure. */
import type { RunCardRecord, SplitSizes } from './resultRecord';

/** What the host knows about the device and data (worker: its backend and loaded dataset; CLI: tfjs-cpu and the files). */
export interface RunHost {
  backend: string;
  adapter: { vendor?: string; architecture?: string; isFallbackAdapter?: boolean } | null | undefined;
  tfjsVersion: string;
  /** The machine in a few words (core/hostDescription.ts: browser and OS, or Node and CPU). */
  host?: string;
  /** The code that ran (package version and commit). */
  appVersion?: string;
  dataset: { name: string; source: string; files: string[]; n: number; height: number; width: number; channels: number; numClasses: number };
  split: SplitSizes;
}

/** "vendor architecture (software/fallback adapter)", or "none" without WebGPU. */
export function adapterLabel(a: RunHost['adapter']): string {
  if (!a) return 'none';
  return `${a.vendor || '?'} ${a.architecture || ''}${a.isFallbackAdapter ? ' (software/fallback adapter)' : ''}`.trim();
}

/** The card; `trainImages` = images the run trained on after any seeded subset (defaults to the whole train split). */
export function runCard(
  host: RunHost,
  settings: Record<string, unknown>,
  o: { trainImages?: number; wallSeconds: number; command?: string; url?: string; date?: Date },
): RunCardRecord {
  const ds = host.dataset;
  const seed = typeof settings.seed === 'number' ? settings.seed : 0;
  return {
    seed,
    backend: host.backend,
    adapter: adapterLabel(host.adapter),
    tfjsVersion: host.tfjsVersion,
    ...(host.host ? { host: host.host } : {}),
    ...(host.appVersion ? { appVersion: host.appVersion } : {}),
    dataset: { name: ds.name, source: ds.source, files: ds.files, n: ds.n, shape: [ds.height, ds.width, ds.channels], classes: ds.numClasses },
    split: { ...host.split, train: o.trainImages ?? host.split.train },
    settings,
    wallSeconds: o.wallSeconds,
    date: (o.date ?? new Date()).toISOString(),
    ...(o.command !== undefined ? { command: o.command } : {}),
    ...(o.url !== undefined ? { url: o.url } : {}),
  };
}
