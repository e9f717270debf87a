import type { ReactNode } from 'react';
import { Hint } from './Hint';

/**
 * A chart of a method's live view: a titled panel with its "?" (`hint`), optional controls above the chart, and an
 * optional text summary for screen readers after it. `lesson` names the panel for the lesson's outline.
 */
export function ChartPanel({ title, hint, children, wide, lesson, controls, summary }: { title: string; hint: string; children: ReactNode; wide?: boolean; lesson: string; controls?: ReactNode; summary?: string }) {
  return (
    <section className={`panel chart-panel${wide ? ' wide' : ''}`} aria-label={title} data-lesson={lesson}>
      <div className="panel-head">
        <h2>{title}</h2>
        <Hint label={title}>{hint}</Hint>
      </div>
      {controls && <div className="chart-controls">{controls}</div>}
      {children}
      {summary !== undefined && <p className="visually-hidden">{summary}</p>}
    </section>
  );
}
