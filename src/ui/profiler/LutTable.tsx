import { useMemo, useState } from 'react';
import { lutOpLabel, parseLutKey } from '../../core/latency/lutKeys';
import type { LatencyProfile } from '../../core/latency/profileSchema';
import { ms } from './format';

/** The lookup table of a profile: one row per op at its shapes (collapsible: full profiles have ~160 rows). */
export function LutTable({ profile, where }: { profile: LatencyProfile; where: string }) {
  const [sortBy, setSortBy] = useState<'order' | 'median'>('order');
  const rows = useMemo(() => {
    const r = Object.entries(profile.lut).map(([key, e], i) => ({ key, i, label: lutOpLabel(parseLutKey(key)), ...e }));
    return sortBy === 'median' ? [...r].sort((a, b) => b.medianMs - a.medianMs) : r;
  }, [profile, sortBy]);
  return (
    <details className="lut" open={rows.length <= 80}>
      <summary>
        Lookup table: {rows.length} entries, {where}
      </summary>
      <label className="field-check small">
        <input type="checkbox" checked={sortBy === 'median'} onChange={(e) => setSortBy(e.target.checked ? 'median' : 'order')} /> slowest first
      </label>
      <div className="table-scroll">
        <table className="data-table" data-testid="lut-table">
          <caption className="visually-hidden">Median latency of each operation, {where}</caption>
          <thead>
            <tr>
              <th scope="col">Operation @ input size</th>
              <th scope="col">Median ({where})</th>
              <th scope="col">MAD</th>
              <th scope="col">Samples × repeats</th>
              <th scope="col">First run (compile)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} title={r.key}>
                <td>{r.label}</td>
                <td>{ms(r.medianMs)}</td>
                <td>{ms(r.madMs)}</td>
                <td>
                  {r.samples} × {r.repeats}
                </td>
                <td>{ms(r.compileMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
