/** The shrink events as a table (live, and in a finished result): which blocks lost how many atoms, MACs before → after. */
import { compact } from '../../../ui/common/format';
import { Hint } from '../../../ui/common/Hint';
import { CHART_HINTS } from '../hints';
import type { AtomNasShrinkEvent } from '../snapshot';

export function EventTable({ events, kernels, open }: { events: readonly AtomNasShrinkEvent[]; kernels: readonly number[]; open?: boolean }) {
  return (
    <details className="event-log" open={open}>
      <summary>Shrink events ({events.length})</summary>
      <Hint label="Shrink events">{CHART_HINTS.events}</Hint>
      <table>
        <thead>
          <tr>
            <th scope="col">step</th>
            <th scope="col">atoms removed (block: {kernels.map((k) => `k${k}`).join('/')})</th>
            <th scope="col">MACs before → after</th>
            <th scope="col">params after</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.step}>
              <td>{e.step}</td>
              <td>{e.blocks.map((b) => `B${b.slot + 1}: ${b.perKernel.join('/')}${b.blockRemoved ? ' (block → identity)' : ''}`).join(' · ')}</td>
              <td>
                {compact(e.macsBefore)} → {compact(e.macsAfter)}
              </td>
              <td>{compact(e.paramsAfter)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
