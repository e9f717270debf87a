/**
 * Relative error measures for latency predictions (pure). Both are relative to the measured value, as nn-Meter and
 * HELP report them, so a 0.1 ms miss on a 1 ms network counts as much as a 10 ms miss on a 100 ms one.
 */

function assertPositivePairs(pred: readonly number[], meas: readonly number[], fn: string): void {
  if (pred.length !== meas.length) throw new RangeError(`${fn}: lengths differ (${pred.length} vs ${meas.length})`);
  if (pred.length === 0) throw new RangeError(`${fn}: empty sample`);
  for (let i = 0; i < meas.length; i++) {
    if (!(meas[i] > 0) || !Number.isFinite(meas[i])) throw new RangeError(`${fn}: measured value ${meas[i]} at index ${i} is not a positive number`);
    if (!Number.isFinite(pred[i])) throw new RangeError(`${fn}: predicted value at index ${i} is not finite`);
  }
}

/** Root mean squared percentage error as a fraction: √(mean(((p − m) / m)²)); 0.05 means 5 %. */
export function rmspe(pred: readonly number[], meas: readonly number[]): number {
  assertPositivePairs(pred, meas, 'rmspe');
  let s = 0;
  for (let i = 0; i < meas.length; i++) {
    const r = (pred[i] - meas[i]) / meas[i];
    s += r * r;
  }
  return Math.sqrt(s / meas.length);
}

/** Share (0..1) of predictions whose relative error |p − m| / m is at most `tol` (default ±10 %). */
export function shareWithin(pred: readonly number[], meas: readonly number[], tol = 0.1): number {
  assertPositivePairs(pred, meas, 'shareWithin');
  let k = 0;
  // A tiny slack so that an error of exactly 10 % (e.g. 1.1 vs 1.0, which is 0.10000000000000009 in floating point)
  // counts as within ±10 %.
  const eps = 1e-12;
  for (let i = 0; i < meas.length; i++) {
    if (Math.abs(pred[i] - meas[i]) / meas[i] <= tol + eps) k++;
  }
  return k / meas.length;
}
