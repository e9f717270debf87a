/**
 * Thin React wrapper around drawLineChart for live data: subscribes to a SeriesBuffer and redraws at most once per
 * animation frame, and only when the data or the size changed. React owns the <svg>; d3 fills it. Redraws go through
 * the page's shared frame queue (frameQueue.ts), and the width comes from the ResizeObserver, so that a redraw never
 * forces a layout.
 */
import { useEffect, useId, useRef } from 'react';
import type { SeriesBuffer } from '../core/series';
import { chartSummary } from './chartSummary';
import { chartFrames } from './frameQueue';
import { drawLineChart, type LineChartOptions } from './lineChart';

export interface LiveSeriesSpec<K extends string> {
  name: K;
  className: string;
  smooth?: number;
  points?: boolean;
}

export interface LiveLineChartProps<K extends string> extends Omit<LineChartOptions, 'width' | 'height'> {
  buffer: SeriesBuffer<K>;
  series: LiveSeriesSpec<K>[];
  /** Accessible description of the chart. */
  label: string;
  height?: number;
  /** Shown while every series is empty. */
  emptyText?: string;
}

export function LiveLineChart<K extends string>(props: LiveLineChartProps<K>) {
  const svgRef = useRef<SVGSVGElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const emptyRef = useRef<HTMLParagraphElement>(null);
  const summaryRef = useRef<HTMLParagraphElement>(null);
  const summaryId = useId();
  const propsRef = useRef(props);
  const drawn = useRef({ version: -1, width: 0 });
  const scheduleRef = useRef<() => void>(() => {});

  useEffect(() => {
    propsRef.current = props;
    drawn.current.version = -1; // options may have changed (axis range, labels): redraw on the next frame
    scheduleRef.current();
  });

  useEffect(() => {
    const box = boxRef.current;
    const svg = svgRef.current;
    if (!box || !svg) return;
    /** Read in the ResizeObserver's callback (layout is up to date there); -1 until the first reading. */
    let boxWidth = -1;
    let queued: (() => void) | null = null;
    const draw = () => {
      queued = null;
      const p = propsRef.current;
      if (boxWidth < 0) boxWidth = Math.floor(box.clientWidth);
      const width = boxWidth;
      if (drawn.current.version === p.buffer.version && drawn.current.width === width) return;
      drawn.current = { version: p.buffer.version, width };
      const series = p.series.map((s) => ({ ...s, ...viewOf(p.buffer, s.name) }));
      const empty = series.every((s) => s.length === 0);
      if (emptyRef.current && emptyRef.current.hidden !== !empty) emptyRef.current.hidden = !empty;
      // The data in words for screen readers (read on demand through aria-describedby, never announced per step).
      const summary = chartSummary(series, p);
      if (summaryRef.current && summaryRef.current.textContent !== summary) summaryRef.current.textContent = summary;
      drawLineChart(svg, series, { ...p, width, height: p.height ?? 190 });
    };
    const schedule = () => {
      queued ??= chartFrames.schedule(draw);
    };
    scheduleRef.current = schedule;
    const unsubscribe = propsRef.current.buffer.subscribe(schedule);
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
  }, [props.buffer]);

  return (
    <div className="chart" ref={boxRef}>
      <svg ref={svgRef} role="img" aria-label={props.label} aria-describedby={summaryId} />
      <p className="visually-hidden" id={summaryId} ref={summaryRef} data-testid="chart-summary" />
      <p className="chart-empty" ref={emptyRef}>
        {props.emptyText ?? 'No data yet'}
      </p>
    </div>
  );
}

function viewOf<K extends string>(buffer: SeriesBuffer<K>, name: K) {
  const s = buffer.series[name];
  return { x: s.x, y: s.y, length: s.length };
}
