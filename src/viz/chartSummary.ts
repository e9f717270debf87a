/**
 * A chart's data in words, for screen readers (the SVG's aria-label says what the chart is; this says what it shows
 * now): per series, how many points, the x range, the latest value and the lowest and highest. Pure.
 */
export interface SummarySeries {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  length: number;
}

const num = (v: number): string => (Number.isFinite(v) ? Number(v.toPrecision(3)).toLocaleString('en') : String(v));

export function chartSummary(series: readonly SummarySeries[], opts: { xLabel: string; yLabel: string; yFormat?: (v: number) => string; emptyText?: string }): string {
  const fy = opts.yFormat ?? num;
  const parts: string[] = [];
  const named = series.length > 1;
  for (const s of series) {
    const ys: number[] = [];
    for (let i = 0; i < s.length; i++) if (Number.isFinite(s.y[i])) ys.push(s.y[i]);
    if (s.length === 0) continue;
    const last = s.y[s.length - 1];
    const range = ys.length ? `; lowest ${fy(Math.min(...ys))}, highest ${fy(Math.max(...ys))}` : '';
    parts.push(
      `${named ? `${s.name}: ` : ''}${s.length.toLocaleString('en')} point${s.length === 1 ? '' : 's'}, ${opts.xLabel} ${num(s.x[0])} to ${num(s.x[s.length - 1])}; latest ${opts.yLabel} ${Number.isFinite(last) ? fy(last) : 'not a number'}${range}.`,
    );
  }
  return parts.length ? parts.join(' ') : (opts.emptyText ?? 'No data yet.');
}
