/**
 * The redraw loop of every live chart (LiveLineChart, LiveSvg): subscribe to a versioned source and repaint at most
 * once per animation frame, only when the source's version or the box width changed (or the component re-rendered with
 * new options); training speed never waits for drawing. Repaints go through the page's shared frame queue
 * (frameQueue.ts), and the width comes from the ResizeObserver, so that a repaint never forces a layout.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { chartFrames } from './frameQueue';

export interface LiveSource {
  readonly version: number;
  subscribe(fn: () => void): () => void;
}

/** Call `paint(width)` in a coming frame whenever `source` changes, the box is resized or the component re-renders. */
export function useLiveRedraw(boxRef: RefObject<HTMLElement | null>, source: LiveSource, paint: (width: number) => void): void {
  const paintRef = useRef(paint);
  const drawn = useRef({ version: -1, width: 0 });
  const scheduleRef = useRef<() => void>(() => {});

  useEffect(() => {
    paintRef.current = paint;
    drawn.current.version = -1; // options may have changed (axis range, labels): repaint on the next frame
    scheduleRef.current();
  });

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    /** Read in the ResizeObserver's callback (layout is up to date there); -1 until the first reading. */
    let boxWidth = -1;
    let queued: (() => void) | null = null;
    const run = () => {
      queued = null;
      if (boxWidth < 0) boxWidth = Math.floor(box.clientWidth);
      const width = boxWidth;
      if (drawn.current.version === source.version && drawn.current.width === width) return;
      drawn.current = { version: source.version, width };
      paintRef.current(width);
    };
    const schedule = () => {
      queued ??= chartFrames.schedule(run);
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
  }, [boxRef, source]);
}
