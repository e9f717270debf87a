// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import * as d3 from 'd3';
import { drawCompareScatter, MIN_BRUSH_PX, pointsInView, zoomFromBrush, type PlotPoint, type ScatterZoom } from './compareScatter';

/** An empty <svg> in the document, as the chart component gives the draw function. */
function svgInBody(): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.appendChild(svg);
  return svg;
}

describe('drawCompareScatter', () => {
  it('makes every point reachable by keyboard, named in words, and focusing one shows its network as hovering does', () => {
    const svg = svgInBody();
    const points: PlotPoint[] = [
      { id: 'a', method: 'random', x: 2e6, y: 0.91, kind: 'count' },
      { id: 'b', method: 'atomnas', x: 1.2, y: 0.95, kind: 'predicted' },
    ];
    const hovered: (string | null)[] = [];
    drawCompareScatter(svg, 600, 300, { points, front: points, methods: ['random', 'atomnas'], xLabel: 'MACs', logX: true, onHover: (id) => hovered.push(id) });
    const marks = [...svg.querySelectorAll<SVGPathElement>('path.point')];
    expect(marks.map((p) => p.getAttribute('tabindex'))).toEqual(['0', '0']);
    expect(marks[1].getAttribute('aria-label')).toBe('atomnas: 95.0 % at 1.20 (predicted)');
    marks[1].dispatchEvent(new FocusEvent('focus'));
    marks[1].dispatchEvent(new FocusEvent('blur'));
    expect(hovered).toEqual(['b', null]);
  });

  it('names methods by methodName in the legend and in the words of each point', () => {
    const svg = svgInBody();
    const points: PlotPoint[] = [{ id: 'a', method: 'egnas', x: 1.37e6, y: 0.985, kind: 'count' }];
    const names: Record<string, string> = { egnas: 'Efficient Global NAS', train: 'Train' };
    drawCompareScatter(svg, 600, 300, { points, front: points, methods: ['egnas', 'train'], xLabel: 'MACs', logX: true, onHover: () => undefined, methodName: (m) => names[m] });
    expect([...svg.querySelectorAll('text')].map((t) => t.textContent)).toEqual(expect.arrayContaining(['Efficient Global NAS', 'Train']));
    expect(svg.querySelector('path.point')?.getAttribute('aria-label')).toBe('Efficient Global NAS: 98.5 % at 1.37e+6');
    svg.remove();
  });

  it('says in the plot when there is no point to draw, and says nothing once there is one', () => {
    const svg = svgInBody();
    const base = { front: [], methods: ['random'], xLabel: 'MACs', logX: true, onHover: () => undefined };
    drawCompareScatter(svg, 600, 300, { ...base, points: [] });
    expect(svg.querySelector('text.empty-note')?.textContent).toBe('No run to plot on this axis yet');
    drawCompareScatter(svg, 600, 300, { ...base, points: [{ id: 'a', method: 'random', x: 1e5, y: 0.9, kind: 'count' }] });
    expect(svg.querySelector('text.empty-note')).toBeNull();
    svg.remove();
  });

  it('zoomed: draws only the points inside the ranges, on those ranges, with the front clipped to the plot', () => {
    const svg = svgInBody();
    const points: PlotPoint[] = [
      { id: 'tiny', method: 'random', x: 1.8e5, y: 0.756, kind: 'count' },
      { id: 'a', method: 'random', x: 3.4e6, y: 0.977, kind: 'count' },
      { id: 'b', method: 'padnas', x: 2.9e6, y: 0.976, kind: 'count' },
    ];
    const base = { points, front: points, methods: ['padnas', 'random'], xLabel: 'MACs', logX: true, onHover: () => undefined };
    drawCompareScatter(svg, 600, 300, { ...base, zoom: { x: [1e6, 1e7], y: [0.96, 0.98] } });
    expect([...svg.querySelectorAll('path.point')].map((p) => p.getAttribute('data-id'))).toEqual(['a', 'b']);
    const clip = svg.querySelector('path.pareto-front')?.getAttribute('clip-path');
    expect(clip).toMatch(/^url\(#compare-clip-\d+\)$/);
    expect(svg.querySelector(clip!.slice(4, -1))).not.toBeNull();
    // Ticks in tenths of a percent when the range is narrow (whole percents would repeat).
    expect([...svg.querySelectorAll('.tick text')].map((t) => t.textContent)).toContain('97.0%');
    // Ranges with no run say so in the plot.
    drawCompareScatter(svg, 600, 300, { ...base, zoom: { x: [1e6, 1e7], y: [0.5, 0.6] } });
    expect(svg.querySelectorAll('path.point')).toHaveLength(0);
    expect(svg.querySelector('text.empty-note')?.textContent).toBe('No run in the zoomed ranges');
    svg.remove();
  });

  it('with onZoom: a brush layer under the points (hover still works), and a double-click asks for no zoom', () => {
    const svg = svgInBody();
    const points: PlotPoint[] = [{ id: 'a', method: 'random', x: 2e6, y: 0.91, kind: 'count' }];
    const asked: (ScatterZoom | null)[] = [];
    const base = { points, front: points, methods: ['random'], xLabel: 'MACs', logX: true, onHover: () => undefined };
    drawCompareScatter(svg, 600, 300, base);
    expect(svg.querySelector('g.zoom-brush')).toBeNull();
    drawCompareScatter(svg, 600, 300, { ...base, onZoom: (z) => asked.push(z) });
    const brush = svg.querySelector('g.zoom-brush');
    const mark = svg.querySelector('path.point');
    expect(brush && mark && brush.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    brush!.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    expect(asked).toEqual([null]);
    svg.remove();
  });
});

describe('zoom ranges', () => {
  const pts = [
    { x: 1, y: 0.5 },
    { x: 10, y: 0.9 },
    { x: 100, y: 0.97 },
  ];

  it('pointsInView keeps the points inside (edges included), and all of them without a zoom', () => {
    expect(pointsInView(pts, null)).toEqual(pts);
    expect(pointsInView(pts, { x: [10, 100], y: [0.9, 1] })).toEqual(pts.slice(1));
    expect(pointsInView(pts, { x: [2, 9], y: [0, 1] })).toEqual([]);
  });

  it('zoomFromBrush turns a dragged rectangle into data ranges, low to high, on log and linear scales', () => {
    const x = d3.scaleLog().domain([1, 1000]).range([0, 300]);
    const y = d3.scaleLinear().domain([0, 1]).range([200, 0]);
    const z = zoomFromBrush(
      [
        [100, 20],
        [200, 100],
      ],
      x,
      y,
    );
    expect(z!.x[0]).toBeCloseTo(10, 9);
    expect(z!.x[1]).toBeCloseTo(100, 9);
    expect(z!.y[0]).toBeCloseTo(0.5, 9);
    expect(z!.y[1]).toBeCloseTo(0.9, 9);
  });

  it('a rectangle smaller than MIN_BRUSH_PX either way is a click, not a zoom', () => {
    const s = d3.scaleLinear().domain([0, 1]).range([0, 100]);
    expect(
      zoomFromBrush(
        [
          [10, 10],
          [10 + MIN_BRUSH_PX - 1, 80],
        ],
        s,
        s,
      ),
    ).toBeNull();
    expect(
      zoomFromBrush(
        [
          [10, 10],
          [80, 10 + MIN_BRUSH_PX],
        ],
        s,
        s,
      ),
    ).not.toBeNull();
  });
});
