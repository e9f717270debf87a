/**
 * Growable (x, y) series backed by typed arrays, and named groups of them with change listeners. High-frequency data
 * (one point per training step) lives in these, not in React state: appending never re-renders React.
 */
/** A growable (x, y) series backed by typed arrays. */
export class Series {
  x = new Float64Array(256);
  y = new Float64Array(256);
  length = 0;

  push(x: number, y: number): void {
    if (this.length === this.x.length) this.grow(this.length * 2);
    this.x[this.length] = x;
    this.y[this.length] = y;
    this.length++;
  }

  /** Append many points at once (xs and ys of equal length). */
  append(xs: ArrayLike<number>, ys: ArrayLike<number>): void {
    const n = Math.min(xs.length, ys.length);
    if (this.length + n > this.x.length) this.grow(Math.max(this.x.length * 2, this.length + n));
    for (let i = 0; i < n; i++) {
      this.x[this.length + i] = xs[i];
      this.y[this.length + i] = ys[i];
    }
    this.length += n;
  }

  /** Last y value, or NaN when empty. */
  get last(): number {
    return this.length ? this.y[this.length - 1] : Number.NaN;
  }

  clear(): void {
    this.length = 0;
  }

  private grow(capacity: number): void {
    const x = new Float64Array(capacity);
    const y = new Float64Array(capacity);
    x.set(this.x.subarray(0, this.length));
    y.set(this.y.subarray(0, this.length));
    this.x = x;
    this.y = y;
  }
}

type Listener = () => void;

/** A named set of series with a version counter and change listeners. */
export class SeriesBuffer<K extends string> {
  readonly series: Record<K, Series>;
  /** Increases on every change; a chart redraws when the version it drew differs. */
  version = 0;
  private readonly listeners = new Set<Listener>();

  constructor(names: readonly K[]) {
    this.series = Object.fromEntries(names.map((n) => [n, new Series()])) as Record<K, Series>;
  }

  append(name: K, xs: ArrayLike<number>, ys: ArrayLike<number>): void {
    this.series[name].append(xs, ys);
    this.changed();
  }

  push(name: K, x: number, y: number): void {
    this.series[name].push(x, y);
    this.changed();
  }

  clear(): void {
    for (const s of Object.values<Series>(this.series)) s.clear();
    this.changed();
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private changed(): void {
    this.version++;
    for (const fn of this.listeners) fn();
  }
}

