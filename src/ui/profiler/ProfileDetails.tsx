import { useMemo } from 'react';
import type { LatencyProfile } from '../../core/latency/profileSchema';
import { rooflinePoint } from '../../core/latency/roofline';
import { useStore } from '../../state/store';
import { drawLatencyScatter, drawRoofline } from '../../viz/latencyCharts';
import { SvgChart } from '../../viz/SvgChart';
import { compact, duration } from '../common/format';
import { Hint } from '../common/Hint';
import { ProfileDeviceCard } from './DeviceCardView';
import { corr, measuredWhere, ms, PREDICTOR_LABEL, share } from './format';
import { LutTable } from './LutTable';
import { cellNetsVerdict, predictorVerdict } from './verdict';

/** Predictor vs baselines on the held-out networks (LATENCY.md step 5). */
function ReportTable({ profile }: { profile: LatencyProfile }) {
  const p = profile.predictor;
  if (!p) return <p className="muted">Too few networks were measured to fit a predictor (a cancelled run).</p>;
  const verdict = predictorVerdict(p.report);
  return (
    <>
      <table className="data-table" data-testid="predictor-report">
        <caption>
          Held-out networks: {p.report.nHeldOut}
          {verdict.tooFew ? ' (too few to judge)' : ''} (fitted on {p.report.nFit}), predictions vs latency measured on the profile's device
        </caption>
        <thead>
          <tr>
            <th scope="col">Predictor</th>
            <th scope="col">within ±10%</th>
            <th scope="col">RMSPE</th>
            <th scope="col">Spearman ρ</th>
            <th scope="col">Kendall τ</th>
            <th scope="col">Fitted formula</th>
          </tr>
        </thead>
        <tbody>
          {p.report.rows.map((r) => (
            <tr key={r.name} data-testid={`report-row-${r.name}`}>
              <th scope="row">{PREDICTOR_LABEL[r.name] ?? r.name}</th>
              <td>{share(r.heldOut.within10)}</td>
              <td>{share(r.heldOut.rmspe)}</td>
              <td>{corr(r.heldOut.spearman)}</td>
              <td>{corr(r.heldOut.kendall)}</td>
              <td className="small">{r.formula}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {verdict.tooFew && (
        <p className="small" role="note" data-testid="predictor-too-few">
          {verdict.tooFew}
        </p>
      )}
      <p className="small" data-testid="predictor-verdict">
        {verdict.lines.join(' ')}
        {p.dropped.length > 0 && ` Features dropped as constant or collinear: ${p.dropped.join(', ')}.`}
      </p>
    </>
  );
}

/** Cell networks (option `cells`), never fitted: cells priced by their parts against the same plus a per-cell term. */
function CellNetsTable({ profile }: { profile: LatencyProfile }) {
  const c = profile.predictor?.report.cells;
  if (!c) return null;
  return (
    <>
      <h3>
        Cell networks{' '}
        <Hint label="Cell networks">
          Networks whose every searched slot is a random valid AutoSpace-style cell, timed end to end but never used to fit the predictor:
          they check how AutoSpace’s cells are priced. (a) “sum of parts”: the fitted predictor with each cell’s lookup-table time the sum of
          its parts (expand, edges, node sums, project), the rule the searches use. (b) “+ per-cell term”: the same plus one constant per
          cell, the average overhead per cell of the other cell networks (leave-one-out, so no network predicts itself). The better one has
          the lower RMSPE.
        </Hint>
      </h3>
      <table className="data-table" data-testid="cell-nets-report">
        <caption>
          Cell networks: {c.n} (held out of the fit), predictions vs latency measured on the profile's device
        </caption>
        <thead>
          <tr>
            <th scope="col">Cell priced by</th>
            <th scope="col">within ±10%</th>
            <th scope="col">RMSPE</th>
            <th scope="col">Spearman ρ</th>
            <th scope="col">Kendall τ</th>
          </tr>
        </thead>
        <tbody>
          {(
            [
              ['parts', '(a) sum of parts', c.parts],
              ['perCell', '(b) sum of parts + per-cell term', c.perCell],
            ] as const
          ).map(([key, label, m]) => (
            <tr key={key} data-testid={`cell-row-${key}`}>
              <th scope="row">
                {label}
                {c.better === key ? ' ✓' : ''}
              </th>
              <td>{share(m.within10)}</td>
              <td>{share(m.rmspe)}</td>
              <td>{corr(m.spearman)}</td>
              <td>{corr(m.kendall)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details className="e2e">
        <summary>Per cell network</summary>
        <div className="table-scroll">
          <table className="data-table" data-testid="cell-nets-table">
            <thead>
              <tr>
                <th scope="col">Network</th>
                <th scope="col">Measured</th>
                <th scope="col">(a) sum of parts</th>
                <th scope="col">(b) + per-cell term</th>
              </tr>
            </thead>
            <tbody>
              {c.nets.map((r) => (
                <tr key={r.name}>
                  <td className="small">{r.name}</td>
                  <td>{ms(r.measuredMs)}</td>
                  <td>{ms(r.partsMs)}</td>
                  <td>{ms(r.perCellMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <p className="small" data-testid="cell-nets-verdict">
        {cellNetsVerdict(c)}
      </p>
    </>
  );
}

/** How a network's split reads in the table. */
const SPLIT_LABEL: Record<string, string> = { heldout: 'held out', 'cell-check': 'held out (cells)' };

function NetworksTable({ profile, where }: { profile: LatencyProfile; where: string }) {
  const counted = profile.e2e.filter((e) => e.dispatchesCounted !== null);
  const matched = counted.filter((e) => e.dispatchesCounted === e.dispatches).length;
  return (
    <details className="e2e">
      <summary>
        Networks measured end to end: {profile.e2e.length}
        {counted.length > 0 && (
          <span data-testid="dispatch-check">
            {' '}
            · dispatch estimate matches the counted dispatches on {matched}/{counted.length} networks
          </span>
        )}
      </summary>
      <div className="table-scroll">
        <table className="data-table" data-testid="e2e-table">
          <thead>
            <tr>
              <th scope="col">Network</th>
              <th scope="col">Split</th>
              <th scope="col">Measured ({where})</th>
              <th scope="col">Predicted (this profile)</th>
              <th scope="col">MACs</th>
              <th scope="col">#dispatches est. / counted</th>
            </tr>
          </thead>
          <tbody>
            {profile.e2e.map((e) => (
              <tr key={e.name}>
                <td className="small">{e.name}</td>
                <td>{SPLIT_LABEL[e.split] ?? e.split}</td>
                <td>
                  {ms(e.measuredMs)} <span className="muted small">± {ms(e.madMs)}</span>
                </td>
                <td>{ms(e.predictedMs)}</td>
                <td>{compact(e.macs)}</td>
                <td>
                  {e.dispatches} / {e.dispatchesCounted ?? '–'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** Everything about one stored profile. */
export function ProfileDetails({ profile }: { profile: LatencyProfile }) {
  const backend = useStore((s) => s.backend);
  const where = measuredWhere(profile, backend, navigator.userAgent);
  const points = useMemo(
    () => profile.e2e.map((e) => ({ name: e.name, measuredMs: e.measuredMs, predictedMs: e.predictedMs, heldOut: e.split === 'heldout' || e.split === 'cell-check' })),
    [profile],
  );
  const roof = profile.roofline;
  const dots = useMemo(
    () => (roof ? profile.e2e.map((e) => ({ name: e.name, ...rooflinePoint(e.macs, e.bytes, e.measuredMs, roof) })) : []),
    [profile, roof],
  );
  const best = dots.length ? Math.max(...dots.map((d) => d.fraction)) : NaN;
  return (
    <section className="panel" aria-labelledby="profile-details-title" data-testid="profile-details">
      <h2 id="profile-details-title">{profile.name}</h2>
      <p className="muted small">
        {new Date(profile.createdAt).toLocaleString()} · {duration(profile.durationMs)} · {profile.settings.mode} mode · input{' '}
        {profile.settings.input.height}×{profile.settings.input.width}×{profile.settings.input.channels}
        {profile.settings.tiny ? ' (tiny preset)' : ''} ·{' '}
        {profile.settings.cells ? 'with AutoSpace-style cell parts' : 'no cell parts (AutoSpace-style cells are priced by MACs)'} · {where}
        {profile.partial ? ' · partial: the run was cancelled' : ''}
      </p>
      <ProfileDeviceCard device={profile.device} />
      <h3>
        Predictor report{' '}
        <Hint label="Predictor report">
          Latency is predicted as a·(sum of the lookup-table entries of the network’s ops) + b·(number of GPU dispatches) + c, fitted on some
          random networks and judged on others it never saw. MACs-only and dispatches-only fits are shown beside it: a predictor that does
          not beat MACs is not worth calling “latency”.
        </Hint>
      </h3>
      <ReportTable profile={profile} />
      <CellNetsTable profile={profile} />
      <figure className="chart-card">
        <figcaption>
          Predicted vs measured latency per network (held-out networks larger; the band is ±10%){' '}
          <Hint label="Predicted vs measured latency">
            Each point is one network, timed end to end on this device (x) and predicted from the lookup table (y). On the diagonal the
            prediction is exact; inside the band it is within 10%. The larger points are networks the predictor was not fitted on: they
            show how well it predicts a network it has never seen, which is how a search uses it.
          </Hint>
        </figcaption>
        <SvgChart
          label="Scatter plot of predicted against measured latency"
          testId="latency-scatter"
          deps={[points]}
          draw={(svg, w, h) => drawLatencyScatter(svg, points, w, h)}
        />
      </figure>
      <NetworksTable profile={profile} where={where} />
      {roof && (
        <figure className="chart-card" data-testid="roofline">
          <figcaption>
            Roofline: peak matmul {roof.matmulGflops.toPrecision(3)} GFLOP/s ({roof.matmulN}×{roof.matmulN}), bandwidth{' '}
            {roof.bandwidthGBs.toPrecision(3)} GB/s (add of {compact(roof.addElements)} floats); best network reaches {share(best)} of its roof{' '}
            <Hint label="Roofline">
              The roof is the lower of the measured peak compute and bandwidth × arithmetic intensity. Each dot is a network measured end to
              end; its bytes are estimated (every kernel reads its inputs and writes its output once). Small networks sit far below the roof:
              launch overhead, not arithmetic, sets their latency.
            </Hint>
          </figcaption>
          <SvgChart
            label="Roofline chart with the measured networks"
            deps={[dots, roof]}
            draw={(svg, w, h) => drawRoofline(svg, roof.matmulGflops, roof.bandwidthGBs, dots.map((d) => ({ name: d.name, intensity: d.intensity, gflops: d.achievedGflops })), w, h)}
          />
        </figure>
      )}
      <LutTable profile={profile} where={where} />
    </section>
  );
}
