/**
 * Thin React wrapper for live d3 charts: React owns the <svg>, `draw` fills it. Redraws at most once per animation
 * frame, only when the source's version or the box width changed; training speed never waits for drawing.
 */
import { useEffect, useRef } from 'react';

export interface LiveSource {
  readonly version: number;
  subscribe(fn: () => void): () => void;
}

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
  const drawRef = useRef(draw);
  const drawn = useRef({ version: -1, width: 0 });
  const frame = useRef(0);
  const scheduleRef = useRef<() => void>(() => {});

  useEffect(() => {
    drawRef.current = draw;
    drawn.current.version = -1; // options may have changed
    scheduleRef.current();
  });

  useEffect(() => {
    const box = boxRef.current;
    const svg = svgRef.current;
    if (!box || !svg) return;
    const paint = () => {
      frame.current = 0;
      const width = Math.floor(box.clientWidth);
      if (drawn.current.version === source.version && drawn.current.width === width) return;
      drawn.current = { version: source.version, width };
      const shown = drawRef.current(svg, width);
      if (emptyRef.current) emptyRef.current.hidden = shown;
      svg.style.visibility = shown ? 'visible' : 'hidden';
    };
    const schedule = () => {
      if (!frame.current) frame.current = requestAnimationFrame(paint);
    };
    scheduleRef.current = schedule;
    const unsubscribe = source.subscribe(schedule);
    const ro = new ResizeObserver(schedule);
    ro.observe(box);
    schedule();
    return () => {
      unsubscribe();
      ro.disconnect();
      if (frame.current) cancelAnimationFrame(frame.current);
      frame.current = 0;
      scheduleRef.current = () => {};
    };
  }, [source]);

  return (
    <div className="chart" ref={boxRef} data-testid={testId}>
      <svg ref={svgRef} role="img" aria-label={label} />
      <p className="chart-empty" ref={emptyRef}>
        {emptyText}
      </p>
    </div>
  );
}
