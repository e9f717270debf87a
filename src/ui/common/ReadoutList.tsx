import type { ReactNode } from 'react';

export interface Readout {
  label: string;
  value: ReactNode;
  /** The value's `data-testid` (tests and lessons read the numbers as text). */
  testId: string;
  /** The raw number behind a formatted value (`data-value`), for tests that compare numbers. */
  dataValue?: string;
}

/** The live numbers of a screen, as text: what screen readers and the tests read. */
export function ReadoutList({ items, lesson }: { items: readonly Readout[]; /** `data-lesson` anchor */ lesson?: string }) {
  return (
    <dl className="readouts" data-lesson={lesson}>
      {items.map((i) => (
        <div key={i.testId} className="readout">
          <dt>{i.label}</dt>
          <dd data-testid={i.testId} data-value={i.dataValue}>
            {i.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
