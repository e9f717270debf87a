/**
 * Thin React wrapper around drawLineChart for live data: subscribes to a SeriesBuffer and redraws at most once per
 * animation frame, and only when the data or the size changed (the shared redraw loop, useLiveRedraw.ts). React owns the
 * <svg>; d3 fills it.
 */
import { useId, useRef } from 'react';
import type { SeriesBuffer } from '../core/series';
import { chartSummary } from './chartSummary';
import { drawLineChart, type LineChartOptions } from './lineChart';
import { useLiveRedraw } from './useLiveRedraw';

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
  useLiveRedraw(boxRef, props.buffer, (width) => {
    const svg = svgRef.current;
    if (!svg) return;
    const series = props.series.map((s) => ({ ...s, ...viewOf(props.buffer, s.name) }));
    const empty = series.every((s) => s.length === 0);
    if (emptyRef.current && emptyRef.current.hidden !== !empty) emptyRef.current.hidden = !empty;
    // The data in words for screen readers (read on demand through aria-describedby, never announced per step).
    const summary = chartSummary(series, props);
    if (summaryRef.current && summaryRef.current.textContent !== summary) summaryRef.current.textContent = summary;
    drawLineChart(svg, series, { ...props, width, height: props.height ?? 190 });
  });

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
