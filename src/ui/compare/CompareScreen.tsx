/**
 * The Compare screen (issue 14 §2–6): every saved run in a sortable, filterable table and on a scatter of test accuracy
 * against latency, MACs or params, with the Pareto front; measure or retrain the chosen runs; export the comparison
 * (CSV, JSON, SVG), the runs (a bundle with weights) or one network (tfjs, ONNX, PyTorch).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { compareRows, filterRows, frontOf, rowsToCsv, scatterPoints, sortRows, type SortKey, type XAxis } from '../../core/runs/compare';
import { offChart, offChartText } from '../../core/runs/offChart';
import { addReferenceRuns, deleteSavedRuns, deviceLabel, exportSavedRuns, getSavedRun, importSavedRunFiles, refreshSavedRuns, renameSavedRun, undoDelete, useSavedRuns } from '../../state/savedRuns';
import { useStore } from '../../state/store';
import { refreshProfiles, useProfiler } from '../../state/profilerState';
import { resumableRuns, useResume } from '../../state/resume';
import { resumeRun, resumeScreen } from '../../state/resumeRun';
import { downloadFiles } from '../common/download';
import { Hint } from '../common/Hint';
import { standaloneSvg, svgToPng } from '../common/svgImage';
import { readHash } from '../../state/urlSync';
import { startRun } from '../../state/trainActions';
import { startMethod } from '../../state/methodActions';
import { getMethod, methodTab } from '../../methods/registry';
import { SeedTable } from './SeedTable';
import { drawCompareScatter, pointsInView, type ScatterZoom } from '../../viz/compareScatter';
import { SvgChart } from '../../viz/SvgChart';
import { ArchDiagram } from './ArchDiagram';
import { BatchPanel } from './BatchPanel';
import { FORMAT_LABELS, modelFiles, type ModelFormat } from '../common/modelFiles';
import { RunDetails } from './RunDetails';
import { StorageLine } from './StorageLine';
import { RunTable } from './RunTable';
import type { SavedRun } from '../../core/runs/savedRun';
import './compare.css';

const AXES: Record<XAxis, string> = { latency: 'latency, ms (this device)', macs: 'MACs', params: 'params' };

/** A method's short name (its tab) in the scatter's legend and point texts. */
const scatterName = (method: string): string => (method === 'train' ? 'Train' : methodTab(method));

export function CompareScreen() {
  const { runs, loaded, message, checkpoints } = useSavedRuns();
  useStore((s) => s.backend); // the device label follows the backend report
  const device = deviceLabel();
  const [filter, setFilter] = useState('');
  const [method, setMethod] = useState('');
  const [axis, setAxis] = useState<XAxis>('latency');
  const [sort, setSort] = useState<{ key: SortKey; dir: 'asc' | 'desc' }>({ key: 'date', dir: 'desc' });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [hover, setHover] = useState<string | null>(null);
  /** The scatter's zoom, for the axis it was made on (another axis shows everything). */
  const [zoomOn, setZoomOn] = useState<{ axis: XAxis; zoom: ScatterZoom } | null>(null);
  const [exportFor, setExportFor] = useState<string | null>(null);
  const [format, setFormat] = useState<ModelFormat>('onnx');
  const [detailsFor, setDetailsFor] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [addingRefs, setAddingRefs] = useState(false);
  const svgBox = useRef<HTMLDivElement>(null);
  useEffect(() => void refreshSavedRuns(), []);
  const profiles = useProfiler((s) => s.profiles);
  const profilesLoaded = useProfiler((s) => s.loaded);
  useEffect(() => void (profilesLoaded || refreshProfiles()), [profilesLoaded]);
  const pricing = useMemo(() => profiles.filter((p) => p.predictor), [profiles]);
  const [priceWith, setPriceWith] = useState('');
  const priceProfile = pricing.find((p) => p.id === priceWith) ?? null;

  const all = useMemo(() => compareRows(runs, device, priceProfile), [runs, device, priceProfile]);
  const rows = useMemo(() => sortRows(filterRows(all, filter, method), sort.key, sort.dir), [all, filter, method, sort]);
  const methods = useMemo(() => [...new Set(all.map((r) => r.method))].sort(), [all]);
  const points = useMemo(() => scatterPoints(rows, axis), [rows, axis]);
  const front = useMemo(() => frontOf(points), [points]);
  const listed = useMemo(() => {
    const ids = new Set(rows.map((r) => r.id));
    return runs.filter((r) => ids.has(r.id));
  }, [runs, rows]);
  const zoom = zoomOn?.axis === axis ? zoomOn.zoom : null;
  const inView = useMemo(() => pointsInView(points, zoom), [points, zoom]);
  const off = useMemo(() => offChart(rows, axis, points), [rows, axis, points]);
  const offText = offChartText(off);
  const hovered = runs.find((r) => r.id === hover)?.record?.archSpec ?? null;
  const chosen = [...selected].filter((id) => runs.some((r) => r.id === id && r.status === 'finished'));

  const onSort = (key: SortKey) => setSort((s) => ({ key, dir: s.key === key && s.dir === 'desc' ? 'asc' : 'desc' }));
  const stamp = () => new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const background = () => getComputedStyle(document.body).backgroundColor || '#ffffff';
  const saveSvg = async () => {
    const svg = svgBox.current?.querySelector('svg');
    if (!svg) return;
    await downloadFiles([{ name: `comparison-${stamp()}.svg`, data: standaloneSvg(svg, background()), type: 'image/svg+xml' }]);
  };
  const savePng = async () => {
    const svg = svgBox.current?.querySelector('svg');
    if (!svg) return;
    try {
      await downloadFiles([{ name: `comparison-${stamp()}.png`, data: await svgToPng(svg, background()), type: 'image/png' }]);
    } catch (e) {
      setNote(`PNG export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const exportRun = async (id: string) => {
    try {
      const r = await getSavedRun(id); // with its weights
      if (!r?.record) return;
      await downloadFiles(modelFiles(format, r.record.archSpec, r.model, r.settings));
      setNote(`Exported ${r.name} as ${FORMAT_LABELS[format]}.`);
    } catch (e) {
      setNote(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    setExportFor(null);
  };
  /** Delete every chosen run at once (Undo puts them back). */
  const deleteChosen = async () => {
    if (!chosen.length) return;
    await deleteSavedRuns(chosen);
    setSelected(new Set());
  };
  const addRefs = async () => {
    setAddingRefs(true);
    try {
      await addReferenceRuns();
    } finally {
      setAddingRefs(false);
    }
  };
  const onImport = async (list: FileList | null) => {
    const files = [...(list ?? [])];
    await importSavedRunFiles(await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() }))));
  };
  const resumable = new Map(resumableRuns({ runs, checkpoints }).map((r) => [r.id, r.info]));
  const resume = (id: string) => {
    location.hash = `#v=2&screen=${resumeScreen(id)}`; // Train's or the method's screen shows the resumed run
    void resumeRun(id).then((ok) => {
      if (!ok) setNote(useResume.getState().problem ?? 'The run could not resume.');
    });
  };
  /** The run's own settings (from its link) go into the app and its screen opens; null when it kept no link. */
  const openSettings = (id: string): SavedRun | null => {
    const r = runs.find((x) => x.id === id);
    if (!r?.url) {
      setNote('This run kept no link to its settings.');
      return null;
    }
    const hash = r.url.includes('#') ? r.url.slice(r.url.indexOf('#') + 1) : '';
    const { settings, notices } = readHash(hash);
    useStore.getState().replaceSettings(settings);
    if (notices.length) setNote(`Its link was adjusted: ${notices.join('; ')}`);
    return r;
  };
  /** One click: the run's own settings go into the app, its screen opens and it starts. */
  const restart = (id: string) => {
    const r = openSettings(id);
    if (!r) return;
    if (r.method === 'train') return void startRun();
    const m = getMethod(r.method);
    if (m) void startMethod(m);
  };
  const details = detailsFor ? runs.find((r) => r.id === detailsFor) : undefined;

  return (
    <div className="compare-layout">
      <section className="panel" aria-labelledby="compare-title">
        <h2 id="compare-title">
          Compare runs on this device{' '}
          <Hint label="Compare runs">
            Every run kept in this browser, one row each, and the same runs as points: test accuracy against the cost chosen as the x axis.
            The dashed line is the Pareto front: the runs that no other run beats on both accuracy and cost. Drag a rectangle across the
            plot to zoom in to it; double-click or Show all to see every point again. Latency is only plotted when it
            was measured or predicted for this device. Choose runs with their checkboxes to measure them here or retrain them with one
            recipe, so that methods are compared on equal terms.
          </Hint>
        </h2>
        <p className="muted small">
          This device: {device}. Every finished Train run and search is kept in this browser. Runs imported from another device are marked, and their
          latency is never put on this device&apos;s axis; a stored profile chosen under <em>Predicted latency</em> predicts every run for one device,
          imported ones too.
        </p>
        <div className="compare-toolbar">
          <label>
            Filter <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="name, method, dataset" />
          </label>
          <label>
            Method{' '}
            <select value={method} onChange={(e) => setMethod(e.target.value)}>
              <option value="">all</option>
              {methods.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </label>
          <label>
            x axis{' '}
            <select value={axis} onChange={(e) => setAxis(e.target.value as XAxis)} aria-label="Scatter x axis">
              {Object.entries(AXES).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          {pricing.length > 0 && (
            <label>
              Predicted latency{' '}
              <select value={priceProfile?.id ?? ''} onChange={(e) => setPriceWith(e.target.value)} aria-label="Predict latency with">
                <option value="">as each run predicted it</option>
                {pricing.map((p) => (
                  <option key={p.id} value={p.id}>
                    every run by “{p.name}”
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        <div className="compare-chart" ref={svgBox}>
          <SvgChart
            draw={(svg, w, h) =>
              drawCompareScatter(svg, w, h, {
                points,
                front,
                methods,
                xLabel: AXES[axis],
                logX: axis !== 'latency',
                onHover: setHover,
                methodName: scatterName,
                zoom,
                onZoom: (z) => setZoomOn(z ? { axis, zoom: z } : null),
              })
            }
            deps={[points, front, methods, axis, zoom]}
            label={`Test accuracy against ${AXES[axis]}: ${zoom ? `${inView.length} of ${points.length}` : points.length} runs${zoom ? ' in the zoomed ranges' : ''}, Pareto front of ${front.length}`}
            height={300}
            testId="compare-scatter"
          />
          <div className="arch-hover" aria-live="polite">
            {hovered ? <ArchDiagram spec={hovered} /> : <p className="muted small">Hover a point (or Tab to it) to see its network.</p>}
          </div>
        </div>
        <p className="muted small" data-testid="compare-points-line">
          {zoom ? (
            <>
              Zoomed in: {inView.length} of {points.length} point{points.length === 1 ? '' : 's'} in view.{' '}
              <button type="button" onClick={() => setZoomOn(null)}>
                Show all
              </button>{' '}
            </>
          ) : (
            <>
              {points.length} point{points.length === 1 ? '' : 's'}
              {points.length > 1 ? ' (drag across the plot to zoom in, double-click to see all again)' : ''};{' '}
            </>
          )}
          latency: filled = measured on this device, hollow = predicted by a profile.
        </p>
        {offText && (
          <p className="small off-chart" data-testid="compare-off-chart">
            {offText}{' '}
            {off.noLatency.length > 0 && (
              <>
                <button type="button" onClick={() => setSelected((s) => new Set([...s, ...off.noLatency]))}>
                  Choose {off.noLatency.length === 1 ? 'it' : `these ${off.noLatency.length}`}
                </button>{' '}
                <button type="button" onClick={() => setAxis('macs')}>
                  Plot MACs
                </button>
              </>
            )}
          </p>
        )}
        <div className="button-row">
          <button type="button" onClick={() => void downloadFiles([{ name: `comparison-${stamp()}.csv`, data: rowsToCsv(rows), type: 'text/csv' }])}>
            Export CSV
          </button>
          <button type="button" onClick={() => void downloadFiles([{ name: `comparison-${stamp()}.json`, data: JSON.stringify({ device, rows }, null, 2), type: 'application/json' }])}>
            Export JSON
          </button>
          <button type="button" onClick={() => void saveSvg()}>
            Export SVG
          </button>
          <button type="button" onClick={() => void savePng()}>
            Export PNG
          </button>
          <button
            type="button"
            onClick={() =>
              void exportSavedRuns(chosen).then((t) => (t ? downloadFiles([{ name: `saved-runs-${stamp()}.json`, data: t, type: 'application/json' }]) : undefined))
            }
          >
            Export runs ({chosen.length ? `${chosen.length} chosen` : 'all'})
          </button>
          <button type="button" disabled={chosen.length === 0} onClick={() => void deleteChosen()}>
            Delete chosen{chosen.length ? ` (${chosen.length})` : ''}
          </button>
          <label className="file-button">
            Import runs <input type="file" multiple accept=".json,application/json" onChange={(e) => {
                void onImport(e.target.files); // reads the list at once, so the same file can be chosen again
                e.target.value = '';
              }}
            />
          </label>
          <button type="button" disabled={addingRefs} onClick={() => void addRefs()}>
            {addingRefs ? 'Adding reference runs…' : 'Add reference runs'}
          </button>
          <Hint label="Add reference runs">
            The runs behind the README's figures, made by the project with the CLI on tfjs cpu (a 2-core VM): every method's
            tiny preset (seed 1), and every method's default preset over three seeds, with the hand-designed baselines
            trained with the same data and recipe. They come as result records without
            weights: compare your runs with them on accuracy, MACs and parameters, or retrain any of them with one recipe.
            Adding them again adds nothing; delete them like any run.
          </Hint>
        </div>
        {message && (
          <p className={message.kind === 'error' ? 'error-text' : 'muted small'} role={message.kind === 'error' ? 'alert' : 'status'}>
            {message.text}
            {message.undo && (
              <>
                {' '}
                <button type="button" onClick={() => void undoDelete()}>
                  Undo
                </button>
              </>
            )}
          </p>
        )}
        {note && <p className="muted small" role="status">{note}</p>}
        <StorageLine runs={runs.length} />
      </section>
      <BatchPanel chosen={chosen} />
      <SeedTable runs={listed} name={scatterName} />
      <section className="panel" aria-label="Saved runs">
        {!loaded ? (
          <p className="muted">Reading saved runs…</p>
        ) : (
          <RunTable
            rows={rows}
            sort={sort}
            onSort={onSort}
            selected={selected}
            onSelect={(id, on) => setSelected((s) => (on ? new Set(s).add(id) : new Set([...s].filter((x) => x !== id))))}
            onRename={(id, name) => void renameSavedRun(id, name)}
            onDelete={(id) => void deleteSavedRuns([id])}
            onExport={setExportFor}
            onRestart={restart}
            onDetails={setDetailsFor}
            resumable={resumable}
            onResume={resume}
          />
        )}
        {details && <RunDetails run={details} onClose={() => setDetailsFor(null)} onOpenSettings={(id) => void openSettings(id)} />}
        {exportFor && (
          <div className="export-dialog" role="dialog" aria-label="Export network">
            <fieldset>
              <legend>Export {runs.find((r) => r.id === exportFor)?.name}</legend>
              {(Object.keys(FORMAT_LABELS) as ModelFormat[]).map((f) => (
                <label key={f}>
                  <input type="radio" name="model-format" checked={format === f} onChange={() => setFormat(f)} /> {FORMAT_LABELS[f]}
                </label>
              ))}
            </fieldset>
            <button type="button" onClick={() => void exportRun(exportFor)}>
              Download
            </button>
            <button type="button" onClick={() => setExportFor(null)}>
              Close
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
