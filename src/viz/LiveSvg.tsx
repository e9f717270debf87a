/**
 * Thin React wrapper for live d3 charts: React owns the <svg>, `draw` fills it. Redraws at most once per animation
 * frame, only when the source's version or the box width changed; training speed never waits for drawing. Redraws go
 * through the page's shared frame queue (frameQueue.ts), and the width comes from the ResizeObserver, so that a redraw
 * never forces a layout.
 */
import { useEffect, useRef } from 'react';
import { chartFrames } from './frameQueue';

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
    /** Read in the ResizeObserver's callback (layout is up to date there); -1 until the first reading. */
    let boxWidth = -1;
    let queued: (() => void) | null = null;
    const paint = () => {
      queued = null;
      if (boxWidth < 0) boxWidth = Math.floor(box.clientWidth);
      const width = boxWidth;
      if (drawn.current.version === source.version && drawn.current.width === width) return;
      drawn.current = { version: source.version, width };
      const shown = drawRef.current(svg, width);
      if (emptyRef.current) emptyRef.current.hidden = shown;
      svg.style.visibility = shown ? 'visible' : 'hidden';
    };
    const schedule = () => {
      queued ??= chartFrames.schedule(paint);
    };
    scheduleRef.current = schedule;
    const unsubscribe = source.subscribe(schedule);
    const ro = new ResizeObserver(() => {
      boxWidth = Math.floor(box.clientWidth);
      schedule();
    });
    ro.observe(box);
    schedule();
    return () => {
      unsubscribe();
      ro.disconnect();
      queued?.();
      queued = null;
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
