/**
 * The frame every d3 chart redraws into: the plot group moved in by the margin, the horizontal grid and the two axes.
 * Each is one `<g>` made on the first draw and reused on every redraw (a data join on `[null]`), with the classes
 * tests and styles find them by: `g.plot`, `g.grid`, `g.axis.axis-x`, `g.axis.axis-y`. Pure d3 drawing, no tfjs.
 */
import * as d3 from 'd3';

/** The `<g>` made under a parent selection of element E and datum D. */
export type Group<E extends d3.BaseType, D> = d3.Selection<SVGGElement, null, E, D>;

/** The `<g>` of class `cls` (one or more class names) under `parent`: made once, then found again. */
export function group<E extends d3.BaseType, D, P extends d3.BaseType, PD>(parent: d3.Selection<E, D, P, PD>, cls: string): Group<E, D> {
  const selector = `g.${cls.trim().split(/\s+/).join('.')}`;
  return parent.selectAll<SVGGElement, null>(selector).data([null]).join('g').attr('class', cls);
}

/** The plot area: `g.plot`, moved right and down by the chart's left and top margins. */
export function plotGroup<E extends d3.BaseType, D, P extends d3.BaseType, PD>(
  root: d3.Selection<E, D, P, PD>,
  margin: { left: number; top: number },
): Group<E, D> {
  return group(root, 'plot').attr('transform', `translate(${margin.left},${margin.top})`);
}

/** The x axis (or anything drawn with `.call`) along the plot's bottom edge, `innerHeight` below its top. */
export function xAxisGroup<E extends d3.BaseType, D, P extends d3.BaseType, PD>(
  plot: d3.Selection<E, D, P, PD>,
  axis: (g: Group<E, D>) => void,
  innerHeight: number,
): void {
  group(plot, 'axis axis-x').attr('transform', `translate(0,${innerHeight})`).call(axis);
}

/** The y axis along the plot's left edge. */
export function yAxisGroup<E extends d3.BaseType, D, P extends d3.BaseType, PD>(plot: d3.Selection<E, D, P, PD>, axis: (g: Group<E, D>) => void): void {
  group(plot, 'axis axis-y').call(axis);
}

/** Horizontal grid lines at `y`'s ticks across the plot's inner width, without labels or the axis line. */
export function yGridGroup<E extends d3.BaseType, D, P extends d3.BaseType, PD>(
  plot: d3.Selection<E, D, P, PD>,
  y: d3.AxisScale<d3.NumberValue>,
  innerWidth: number,
  ticks = 4,
): void {
  group(plot, 'grid')
    .call(d3.axisLeft(y).ticks(ticks).tickSize(-innerWidth).tickFormat(() => ''))
    .call((g) => g.select('.domain').remove());
}
