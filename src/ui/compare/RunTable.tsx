/**
 * The saved runs as a sortable table, in pages when there are many: choose rows, open a run's record and settings,
 * rename, delete, export the network, resume or start an interrupted run again.
 */
import { useState } from 'react';
import type { CompareRow, SortKey } from '../../core/runs/compare';
import { compact, duration, percent } from '../common/format';
import { getMethod } from '../../methods/registry';
import { Pager, PAGE_SIZES } from '../common/Pager';
import { pageOf } from '../common/paging';

const COLUMNS: [SortKey, string][] = [
  ['name', 'Run'],
  ['method', 'Method'],
  ['dataset', 'Dataset (train/val/test)'],
  ['seed', 'Seed'],
  ['macs', 'MACs'],
  ['params', 'Params'],
  ['valAccuracy', 'Val acc'],
  ['testAccuracy', 'Test acc'],
  ['predictedMs', 'Predicted (profile)'],
  ['measuredMs', 'Measured here, batch 1'],
  ['wallSeconds', 'Wall time'],
  ['backend', 'Backend · adapter'],
];

const acc = (v: number | null) => (v === null ? '–' : percent(v, 1));
const ms = (v: number | null) => (v === null ? '–' : `${v.toPrecision(3)} ms`);

/** The prediction with its profile; else why there is none (a chosen profile that lacks ops, another device's run). */
function predictedCell(r: CompareRow) {
  if (r.predictedMs !== null) return `${ms(r.predictedMs)} (${r.predictedProfile ?? '?'})`;
  if (r.unpricedOps) {
    const why = r.unpricedOps.length ? `no entry for ${r.unpricedOps.slice(0, 3).join('; ')}${r.unpricedOps.length > 3 ? '; …' : ''}` : 'it has no predictor';
    return <span title={`“${r.predictedProfile}” cannot price this network: ${why}`}>not priced</span>;
  }
  return r.imported ? <span title="Predicted for another device">–</span> : '–';
}

function Measured({ r }: { r: CompareRow }) {
  if (!r.measured) {
    if (!r.imported) return <>–</>;
    return <span title={`Measured on ${r.imported}: not this device`}>{r.otherDeviceMs === null ? '–' : `other device: ${ms(r.otherDeviceMs)}`}</span>;
  }
  const err = r.predictionError === null ? '' : ` (prediction ${r.predictionError > 0 ? 'under' : 'over'} by ${percent(Math.abs(r.predictionError), 0)})`;
  return (
    <span title={`measured on ${r.measured.device}, ${r.measured.backend}, ${r.measured.date}`}>
      measured {ms(r.measuredMs)}
      {err}
    </span>
  );
}

export interface RunTableProps {
  rows: CompareRow[];
  sort: { key: SortKey; dir: 'asc' | 'desc' };
  onSort: (key: SortKey) => void;
  selected: ReadonlySet<string>;
  onSelect: (id: string, on: boolean) => void;
  onRename: (id: string, name: string) => void;
  onDelete: (id: string) => void;
  onExport: (id: string) => void;
  onRestart: (id: string) => void;
  /** Show the run's record (run card, settings) and a way back to its settings. */
  onDetails: (id: string) => void;
  /** Interrupted runs with a checkpoint: resume from it (run id → its step and total). */
  resumable?: ReadonlyMap<string, { step: number; totalSteps: number }>;
  onResume?: (id: string) => void;
}

export function RunTable(p: RunTableProps) {
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  const [pageNo, setPageNo] = useState(0);
  const [size, setSize] = useState(50);
  if (!p.rows.length) return <p className="muted">No saved runs match. Finish a Train run or a search and it appears here, or press Add reference runs to see the project's own.</p>;
  const page = pageOf(p.rows, pageNo, size);
  const pager = p.rows.length > PAGE_SIZES[0] && (
    <Pager
      page={page}
      total={p.rows.length}
      size={size}
      what="runs"
      onPage={setPageNo}
      onSize={(s) => {
        setSize(s);
        setPageNo(0);
      }}
    />
  );
  return (
    <>
      <div className="table-scroll">
        <table className="compare-table" data-testid="compare-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">Choose</span>
              </th>
              {COLUMNS.map(([key, title]) => (
                <th key={key} scope="col" aria-sort={p.sort.key === key ? (p.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      p.onSort(key);
                      setPageNo(0);
                    }}
                  >
                    {title}
                    {p.sort.key === key ? (p.sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                  </button>
                </th>
              ))}
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r) => (
              <tr key={r.id} data-testid="saved-run" data-method={r.method} data-status={r.status}>
                <td>
                  <input type="checkbox" aria-label={`Choose ${r.name}`} checked={p.selected.has(r.id)} onChange={(e) => p.onSelect(r.id, e.target.checked)} disabled={r.status !== 'finished'} />
                </td>
                <td>
                  {editing?.id === r.id ? (
                    <form
                      onSubmit={(e) => {
                        e.preventDefault();
                        p.onRename(r.id, editing.name);
                        setEditing(null);
                      }}
                    >
                      <input aria-label="New name" value={editing.name} autoFocus onChange={(e) => setEditing({ id: r.id, name: e.target.value })} />
                      <button type="submit">Save</button>
                    </form>
                  ) : (
                    <>
                      {r.name}
                      {r.status !== 'finished' && <span className="badge warn"> {r.status}</span>}
                      {r.imported && <span className="badge" title={`Imported from ${r.imported}`}> imported</span>}
                      {r.parentId && <span className="badge" title={`Retrained from ${r.parentId}`}> retrained</span>}
                    </>
                  )}
                </td>
                <td>{r.label}</td>
                <td>{r.dataset}</td>
                <td>{r.seed ?? '–'}</td>
                <td>{r.macs === null ? '–' : compact(r.macs)}</td>
                <td>{r.params === null ? '–' : compact(r.params)}</td>
                <td>{acc(r.valAccuracy)}</td>
                <td>{acc(r.testAccuracy)}</td>
                <td>{predictedCell(r)}</td>
                <td>
                  <Measured r={r} />
                </td>
                <td>{r.wallSeconds === null ? '–' : duration(r.wallSeconds * 1000)}</td>
                <td>{r.backend}</td>
                <td className="row-actions">
                  {r.status === 'interrupted' && p.resumable?.has(r.id) && p.onResume && (
                    <button type="button" onClick={() => p.onResume?.(r.id)}>
                      Resume from step {p.resumable.get(r.id)?.step}
                    </button>
                  )}
                  {r.status === 'interrupted' && r.method !== 'train' && getMethod(r.method)?.resumable !== true && (
                    <span className="muted small">This method cannot resume yet.</span>
                  )}
                  {r.status === 'interrupted' && !r.parentId && (
                    <button type="button" onClick={() => p.onRestart(r.id)}>
                      Start again
                    </button>
                  )}
                  {r.status === 'interrupted' && r.parentId && <span className="muted small">Retrain its original again to redo it.</span>}
                  <button type="button" onClick={() => p.onDetails(r.id)} aria-label={`Details of ${r.name}`}>
                    Details
                  </button>
                  {r.status === 'finished' && (
                    <button type="button" onClick={() => p.onExport(r.id)}>
                      Export
                    </button>
                  )}
                  <button type="button" onClick={() => setEditing({ id: r.id, name: r.name })}>
                    Rename
                  </button>
                  <button type="button" onClick={() => p.onDelete(r.id)} aria-label={`Delete ${r.name}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </>
  );
}
