/**
 * The axis titles every chart draws: a centred x title under the plot and a y title turned up the left side, as
 * `text.axis-label.x-label` / `text.axis-label.y-label` (tests and styles find them by these classes). A null title
 * removes it. Pure d3 drawing, no tfjs.
 */
import type * as d3 from 'd3';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any chart root (an <svg> or a <g>, whatever its datum)
type Root = d3.Selection<any, any, any, any>;

/** The x title, centred on (x, y): x the plot's middle, y a few pixels above the chart's bottom. */
export function xAxisLabel(root: Root, text: string | null, x: number, y: number): void {
  root
    .selectAll<SVGTextElement, string>('text.x-label')
    .data(text === null ? [] : [text])
    .join('text')
    .attr('class', 'axis-label x-label')
    .attr('x', x)
    .attr('y', y)
    .attr('text-anchor', 'middle')
    .text((d) => d);
}

/** The y title, turned up and centred on (x, y): x a little right of the chart's left edge, y the plot's middle. */
export function yAxisLabel(root: Root, text: string | null, x: number, y: number): void {
  root
    .selectAll<SVGTextElement, string>('text.y-label')
    .data(text === null ? [] : [text])
    .join('text')
    .attr('class', 'axis-label y-label')
    .attr('transform', `translate(${x},${y}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text((d) => d);
}
