/**
 * Compare's "Over seeds" table: the runs in the list that differ only in their seed, one row per group with the mean,
 * standard deviation and range of test accuracy, and the mean cost. Hidden while no group has two runs.
 */
import { useMemo } from 'react';
import type { SavedRun } from '../../core/runs/savedRun';
import { seedGroups, type Spread } from '../../core/runs/seedGroups';
import { compact, percent } from '../common/format';
import { Hint } from '../common/Hint';

/** "2.93 M–4.46 M" for a range, one figure when all runs have the same. */
function costRange(s: Spread): string {
  return s.min === s.max ? compact(s.min) : `${compact(s.min)}–${compact(s.max)}`;
}

/** `name` gives a method's short name (its tab); the record's label is the fallback. */
export function SeedTable({ runs, name }: { runs: readonly SavedRun[]; name?: (method: string) => string }) {
  const groups = useMemo(() => seedGroups(runs), [runs]);
  if (groups.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="seed-title" data-testid="seed-groups">
      <h3 id="seed-title">
        Over seeds ({groups.length} group{groups.length === 1 ? '' : 's'}){' '}
        <Hint label="Over seeds">
          Runs in the list above that share the method, the data and its split and every setting except the seed, taken
          together. A search&apos;s result moves from seed to seed, often by more than the gap between two methods, so compare
          means and spreads, not single runs. sd is the sample standard deviation over the seeds: with three seeds it is a
          rough guide. The filter and the method choice above apply here too.
        </Hint>
      </h3>
      <div className="table-scroll">
        <table className="compare-table">
          <thead>
            <tr>
              <th scope="col">Runs</th>
              <th scope="col">Seeds</th>
              <th scope="col">Test accuracy, mean ± sd</th>
              <th scope="col">Lowest – highest</th>
              <th scope="col">MACs</th>
              <th scope="col">Params</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.key} data-testid="seed-group" data-method={g.method}>
                <th scope="row" title={g.label}>
                  {name ? [name(g.method), g.variant].filter(Boolean).join(' · ') : g.title}
                </th>
                <td className="nowrap">
                  {g.seeds.map((s) => s ?? '?').join(', ')} (n = {g.ids.length})
                </td>
                <td className="nowrap">
                  {percent(g.test.mean)} ± {(100 * g.test.sd).toFixed(2)}
                </td>
                <td className="nowrap">
                  {percent(g.test.min)} – {percent(g.test.max)}
                </td>
                <td className="nowrap">{costRange(g.macs)}</td>
                <td className="nowrap">{costRange(g.params)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
