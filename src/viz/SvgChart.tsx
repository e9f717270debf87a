/**
 * React wrapper for a static d3 drawing: React owns the <svg>, `draw(svg, width)` fills it on mount, when `deps`
 * change and when the box is resized (at most once per animation frame).
 */
import { useEffect, useRef } from 'react';

export interface SvgChartProps {
  draw: (svg: SVGSVGElement, width: number, height: number) => void;
  /** Redraw when any of these change (identity). */
  deps: readonly unknown[];
  label: string;
  height?: number;
  testId?: string;
}

export function SvgChart({ draw, deps, label, height = 260, testId }: SvgChartProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const drawRef = useRef(draw);
  useEffect(() => {
    drawRef.current = draw;
  });
  useEffect(() => {
    const box = boxRef.current;
    const svg = svgRef.current;
    if (!box || !svg) return;
    let frame = 0;
    const render = () => {
      frame = 0;
      drawRef.current(svg, Math.floor(box.clientWidth), height);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(render);
    };
    const ro = new ResizeObserver(schedule);
    ro.observe(box);
    schedule();
    return () => {
      ro.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `deps` is the caller's explicit redraw key
  }, [height, ...deps]);
  return (
    <div className="chart" ref={boxRef}>
      <svg ref={svgRef} role="img" aria-label={label} data-testid={testId} />
    </div>
  );
}
