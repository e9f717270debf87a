/**
 * Thin React wrapper for live d3 charts: React owns the <svg>, `draw` fills it, through the shared redraw loop
 * (useLiveRedraw.ts: at most once per animation frame, only when the source's version or the box width changed).
 */
import { useRef } from 'react';
import { useLiveRedraw, type LiveSource } from './useLiveRedraw';

export type { LiveSource } from './useLiveRedraw';

export interface LiveSvgProps {
  source: LiveSource;
  /** Draw into `svg` at this width; return false when there is nothing to show yet. */
  draw: (svg: SVGSVGElement, width: number) => boolean;
  label: string;
  emptyText: string;
  testId?: string;
}

export function LiveSvg({ source, draw, label, emptyText, testId }: LiveSvgProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const emptyRef = useRef<HTMLParagraphElement>(null);
  useLiveRedraw(boxRef, source, (width) => {
    const svg = svgRef.current;
    if (!svg) return;
    const shown = draw(svg, width);
    if (emptyRef.current) emptyRef.current.hidden = shown;
    svg.style.visibility = shown ? 'visible' : 'hidden';
  });

  return (
    <div className="chart" ref={boxRef} data-testid={testId}>
      <svg ref={svgRef} role="img" aria-label={label} />
      <p className="chart-empty" ref={emptyRef}>
        {emptyText}
      </p>
    </div>
  );
}
