// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { drawCompareScatter, type PlotPoint } from './compareScatter';

describe('drawCompareScatter', () => {
  it('makes every point reachable by keyboard, named in words, and focusing one shows its network as hovering does', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    document.body.appendChild(svg);
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

  it('says in the plot when there is no point to draw, and says nothing once there is one', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    document.body.appendChild(svg);
    const base = { front: [], methods: ['random'], xLabel: 'MACs', logX: true, onHover: () => undefined };
    drawCompareScatter(svg, 600, 300, { ...base, points: [] });
    expect(svg.querySelector('text.empty-note')?.textContent).toBe('No run to plot on this axis yet');
    drawCompareScatter(svg, 600, 300, { ...base, points: [{ id: 'a', method: 'random', x: 1e5, y: 0.9, kind: 'count' }] });
    expect(svg.querySelector('text.empty-note')).toBeNull();
    svg.remove();
  });
});
