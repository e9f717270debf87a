// @vitest-environment happy-dom
import * as d3 from 'd3';
import { describe, expect, it } from 'vitest';
import { group, plotGroup, xAxisGroup, yAxisGroup, yGridGroup } from './frame';

const svgRoot = () => {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.append(svg);
  return d3.select(svg);
};

/** Draw the frame the way a chart does on each redraw. */
function drawFrame(root: d3.Selection<SVGSVGElement, unknown, null, undefined>, yMax: number): void {
  const x = d3.scaleLinear().domain([0, 10]).range([0, 200]);
  const y = d3.scaleLinear().domain([0, yMax]).range([100, 0]);
  const plot = plotGroup(root, { left: 40, top: 8 });
  yGridGroup(plot, y, 200);
  xAxisGroup(plot, d3.axisBottom(x).ticks(5), 100);
  yAxisGroup(plot, d3.axisLeft(y).ticks(4));
}

describe('chart frame', () => {
  it('draws the plot group, grid and both axes with the classes tests and styles use', () => {
    const root = svgRoot();
    drawFrame(root, 1);
    const plot = root.select('g.plot');
    expect(plot.attr('transform')).toBe('translate(40,8)');
    expect(plot.select('g.axis.axis-x').attr('transform')).toBe('translate(0,100)');
    expect(plot.select('g.axis-x').attr('class')).toBe('axis axis-x');
    expect(plot.select('g.axis-y').attr('class')).toBe('axis axis-y');
    expect(plot.selectAll('g.axis-x .tick').size()).toBeGreaterThan(2);
    expect(plot.selectAll('g.axis-y .tick').size()).toBeGreaterThan(2);
    // The grid: one line per tick across the inner width, no labels, no axis line.
    const grid = plot.select('g.grid');
    expect(grid.selectAll('.tick').size()).toBeGreaterThan(2);
    expect(grid.select('.domain').empty()).toBe(true);
    expect(grid.select('.tick line').attr('x2')).toBe('200'); // rightwards from the left edge, across the plot
    expect(grid.selectAll('.tick text').nodes().every((n) => (n as Element).textContent === '')).toBe(true);
  });

  it('reuses every group on a redraw instead of stacking new ones', () => {
    const root = svgRoot();
    drawFrame(root, 1);
    const before = root.select('g.axis-y').node();
    drawFrame(root, 100);
    expect(root.selectAll('g.plot').size()).toBe(1);
    expect(root.selectAll('g.grid').size()).toBe(1);
    expect(root.selectAll('g.axis-x').size()).toBe(1);
    expect(root.selectAll('g.axis-y').size()).toBe(1);
    expect(root.select('g.axis-y').node()).toBe(before);
    // … and the redraw moved the axis to the new domain.
    const labels = root.selectAll('g.axis-y .tick text').nodes().map((n) => (n as Element).textContent);
    expect(labels).toContain('100');
  });

  it('finds a group by all of its classes', () => {
    const root = svgRoot();
    const a = group(root, 'layer marks');
    const b = group(root, ' layer  marks ');
    expect(a.node()).toBe(b.node());
    expect(root.selectAll('g').size()).toBe(1);
  });
});
