/** The live part of the Efficient Global NAS screen: trajectory, micro strip, learning curves, costs, fair ranking. */
import { useSyncExternalStore } from 'react';
import { compact, percent } from '../../../ui/common/format';
import { LiveSvg } from '../../../viz/LiveSvg';
import type { MethodViewProps } from '../../viewTypes';
import { CHART_HINTS, NOISE_NOTE } from '../hints';
import { drawCurves, drawMicroStrip, drawTrajectory } from './charts';
import { egnasLive, marker, readouts } from './liveBuffer';
import { RankingPanel } from './RankingPanel';
import { num, shownTolerances } from './tolerances';
import { ReadoutList } from '../../../ui/common/ReadoutList';
import { ChartPanel } from '../../../ui/common/ChartPanel';

const subscribe = (fn: () => void) => egnasLive.subscribe(fn);
// A string that changes only when something React shows changes (a candidate decided, a stage, a budget), not on every
// snapshot: the charts redraw from the buffer on their own.
const shownKey = () => {
  const l = egnasLive;
  return [l.candidates.length, l.rows.length, l.stage, l.phase, l.current?.label, l.rankingResult?.fixedTau, l.rankingResult?.awareTau, l.paramBudget, l.discoveredEpochs, l.baseline?.testAccuracy, l.valImages].join('|');
};


export function Live({ run, config }: MethodViewProps) {
  useSyncExternalStore(subscribe, shownKey, shownKey);
  const info = run((s) => s.started?.info);
  // Once the result is on screen, its own section shows the fair-ranking demo in full: not twice.
  const finished = run((s) => Boolean(s.record));
  const tol = shownTolerances(info, config);
  const r = readouts(egnasLive);
  const shownCosts = egnasLive.candidates.filter((c) => c.decision === 'start' || c.decision === 'accept' || c.decision === 'reference' || c.decision === 'keep');
  const hasLatency = shownCosts.some((c) => c.latencyMs !== null);
  const valImages = egnasLive.valImages || num(info?.valImages, 0);
  const base = egnasLive.baseline;
  const finalCurve = egnasLive.current?.phase === 'final' ? egnasLive.current.curve : [];
  const items = [
    { label: 'Stage', value: r.phase, testId: 'egnas-phase' },
    { label: 'Candidates trained', value: r.candidates, testId: 'egnas-candidates' },
    { label: 'Epoch budget', value: r.budget, testId: 'egnas-budget' },
  ];
  return (
    <div className="egnas-view">
      <ChartPanel lesson="trajectory" title="Search trajectory: depth, then width" hint={CHART_HINTS.trajectory}>
        <LiveSvg
          source={egnasLive}
          draw={(svg, width) => {
            if (!egnasLive.candidates.some((c) => c.phase === 'depth')) return false;
            drawTrajectory(svg, egnasLive.candidates, { width, height: 260, ...tol });
            return true;
          }}
          label="Search trajectory: validation accuracy of each depth and width candidate with accept, neutral and fail markers; bars show each candidate's epoch budget"
          emptyText="One marker per candidate as it finishes (✓ accept, ○ neutral, ✗ fail)"
          testId="egnas-trajectory"
        />
        <ReadoutList items={items} lesson="readouts" />
        <p className="small" data-testid="egnas-tolerances">
          Tolerances: a deeper chain is accepted for a gain of at least {percent(tol.addTol, 1)}, neutral within {percent(tol.dropTol, 1)} below the best; a narrower chain is
          accepted when it stays within {percent(tol.dropTol, 1)}; a micro change is kept above +{percent(tol.microTol, 2)}.{' '}
          {valImages > 0 ? `Why: ${valImages.toLocaleString('en')} validation images. ` : ''}
          {NOISE_NOTE} The budget grows because deeper and narrower chains learn more slowly: one fixed budget would make them look worse than they are.
        </p>
      </ChartPanel>
      <ChartPanel lesson="micro" title="Micro phase: operations and kernels per layer" hint={CHART_HINTS.micro}>
        <LiveSvg
          source={egnasLive}
          draw={(svg, width) => drawMicroStrip(svg, egnasLive.candidates, { width })}
          label="Micro strip: per layer, SepConv to Conv and k3 to k5 tried at a matched parameter count; kept or reverted"
          emptyText="After the width phase: one cell per layer, for operations and kernels"
          testId="egnas-micro"
        />
        {egnasLive.paramBudget !== null && <p className="small">Parameter budget: {compact(egnasLive.paramBudget)} (the reference's parameters + {percent(tol.paramTol, 1)}).</p>}
      </ChartPanel>
      <ChartPanel lesson="curves" title="Learning curves of every candidate" hint={CHART_HINTS.curves}>
        <LiveSvg
          source={egnasLive}
          draw={(svg, width) =>
            drawCurves(
              svg,
              [
                ...egnasLive.candidates.map((c) => ({ key: `c${c.index}`, phase: c.phase, curve: c.curve })),
                ...(egnasLive.baseline ? [{ key: 'baseline', phase: 'baseline', curve: egnasLive.baseline.curve }] : []),
                ...(egnasLive.current ? [{ key: 'current', phase: egnasLive.current.phase, curve: egnasLive.current.curve }] : []),
              ],
              { width, height: 220 },
            )
          }
          label="Validation accuracy per epoch of every candidate, coloured by phase"
          emptyText="Curves appear after each candidate's first epoch"
          testId="egnas-curves"
        />
        <p className="small legend">
          <span className="key ph-depth">depth</span> <span className="key ph-width">width</span> <span className="key ph-ops">operations</span>{' '}
          <span className="key ph-kernels">kernels</span> <span className="key ph-ranking">demo</span> <span className="key ph-baseline">baseline</span>{' '}
          <span className="key ph-final">final</span>
        </p>
      </ChartPanel>
      <ChartPanel lesson="costs" title="Costs of the accepted candidates" hint={CHART_HINTS.costs}>
        <div className="table-scroll">
          <table className="data-table" data-testid="egnas-costs">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Phase</th>
                <th scope="col">L × C</th>
                <th scope="col">Layers</th>
                <th scope="col">Epochs</th>
                <th scope="col">Val</th>
                <th scope="col">Params</th>
                <th scope="col">MACs</th>
                {hasLatency && <th scope="col">Latency (predicted)</th>}
              </tr>
            </thead>
            <tbody>
              {shownCosts.map((c) => (
                <tr key={c.index}>
                  <td>{c.index + 1}</td>
                  <td>
                    {marker(c.decision)} {c.phase}
                  </td>
                  <td>
                    {c.L} × {c.C}
                  </td>
                  <td>
                    <code>{c.ops.map((o, i) => `${o === 's' ? 'S' : 'C'}${c.kernels[i]}`).join(' ')}</code>
                  </td>
                  <td>{c.epochs}</td>
                  <td>{c.valAccuracy === null ? '–' : percent(c.valAccuracy, 1)}</td>
                  <td>{compact(c.params)}</td>
                  <td>{compact(c.macs)}</td>
                  {hasLatency && <td>{c.latencyMs === null ? '–' : `${c.latencyMs.toPrecision(3)} ms`}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ChartPanel>
      {!finished && <RankingPanel rows={egnasLive.rows} result={egnasLive.rankingResult} />}
      {info?.trainBaseline !== false && (
        <ChartPanel lesson="baseline" title="Against a hand-designed network" hint={CHART_HINTS.baselineLive}>
          {base ? (
            <p className="small" data-testid="egnas-baseline-live">
              The Train screen&apos;s network at width ×{base.width}: {compact(base.params)} parameters (nearest the found chain&apos;s), {compact(base.macs)} MACs, trained {base.epochs} epochs:
              validation {base.valAccuracy === null ? 'none (it diverged)' : percent(base.valAccuracy, 1)}
              {finalCurve.length > 0 ? `; the found chain, retrained, is at ${percent(finalCurve[finalCurve.length - 1], 1)} after ${finalCurve.length} of ${egnasLive.current?.epochs ?? '?'} epochs` : ''}. Both are
              tested once at the end.
            </p>
          ) : (
            <p className="small">After the search: the hand-designed network at the found chain&apos;s parameter count, trained with the same budget and recipe.</p>
          )}
        </ChartPanel>
      )}
    </div>
  );
}
