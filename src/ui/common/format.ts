/** Number formatting for readouts. */

/** 1234567 → "1.23 M", 5400 → "5.4 k". */
export function compact(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${(n / 1e9).toPrecision(3)} G`;
  if (abs >= 1e6) return `${(n / 1e6).toPrecision(3)} M`;
  if (abs >= 1e3) return `${(n / 1e3).toPrecision(3)} k`;
  return String(Math.round(n));
}

/** 0.9712 → "97.12%". */
export function percent(x: number, digits = 2): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : '–';
}

export { duration, timeLeft } from '../../core/duration';

/** A loss or learning rate: 4 significant digits, exponent for tiny values. */
export function sig(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  return Math.abs(x) < 1e-3 && x !== 0 ? x.toExponential(2) : x.toPrecision(digits);
}

/** Bytes → "7.84 MB". */
export function bytes(n: number): string {
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(2)} MB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KB`;
  return `${n} B`;
}

/** Issue 15 §5: what a run shows while its first step's GPU programs compile (instead of a frozen step 0). */
export function preparingText(p: { done: number; total: number }): string {
  return `Preparing the GPU: ${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')} programs`;
}
