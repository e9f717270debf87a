/**
 * Progress and cancelling of a dataset load: reading the files (main thread), decompressing them and parsing them
 * (worker). Pure: no DOM, no tfjs.
 */

/** Where a load is: `read` and `unzip` count bytes; `parse` is one short synchronous step (done 0 of 1). */
export interface LoadProgress {
  stage: 'read' | 'unzip' | 'parse';
  /** The file being worked on (a comma-separated list while reading several at once). */
  file: string;
  done: number;
  total: number;
}

/** What a long load step may be given: where to report, and a signal that cancels it. */
export interface LoadOptions {
  onProgress?: (p: LoadProgress) => void;
  signal?: AbortSignal;
}

/** Thrown when the user cancelled a load; the dataset loaded before stays in use. */
export class LoadCancelled extends Error {
  constructor() {
    super('loading was cancelled');
    this.name = 'LoadCancelled';
  }
}

/** True for a LoadCancelled, also after it crossed the worker boundary (where only its name survives). */
export function isLoadCancelled(e: unknown): boolean {
  return e instanceof LoadCancelled || (e instanceof Error && e.name === 'LoadCancelled');
}

/** Throws LoadCancelled when `signal` has been aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new LoadCancelled();
}

/**
 * The decompressed size a gzip file declares in its last four bytes (ISIZE, little-endian, modulo 2^32): a total for
 * the progress bar. 0 when the file is too short to have one.
 */
export function gzipDeclaredSize(bytes: Uint8Array): number {
  const n = bytes.length;
  if (n < 18) return 0;
  return (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0;
}

/** A one-line description: "Decompressing train-images.gz: 12.0 of 47.0 MB". */
export function loadProgressText(p: LoadProgress): string {
  const mb = (b: number): string => (b / (1 << 20)).toFixed(1);
  switch (p.stage) {
    case 'read':
      return `Reading ${p.file}: ${mb(p.done)} of ${mb(p.total)} MB`;
    case 'unzip':
      return `Decompressing ${p.file}: ${mb(p.done)} of ${mb(p.total)} MB`;
    case 'parse':
      return `Checking and arranging the images of ${p.file}`;
  }
}

/**
 * Milliseconds left in the current stage at a steady rate, or null while too little is known to say (under 2 % done
 * or under half a second in). The stages run one after another; each gets its own estimate.
 */
export function stageMsLeft(p: LoadProgress, stageStarted: number, now: number): number | null {
  const elapsed = now - stageStarted;
  if (p.stage === 'parse' || p.total <= 0 || p.done / p.total < 0.02 || elapsed < 500) return null;
  return (elapsed * (p.total - p.done)) / p.done;
}
