/**
 * The live AtomNAS view: readouts, surviving atoms per block, the γ histogram, MACs/params (and predicted latency)
 * curves with shrink events, validation accuracy, |γ| against atom cost, and the shrink events so far.
 */
import { useRef } from 'react';
import { predictedLabel } from '../../../core/method/buildRecord';
import { compact, percent, sig } from '../../../ui/common/format';
import { LiveSvg } from '../../../viz/LiveSvg';
import type { MethodViewProps } from '../../viewTypes';
import { CHART_HINTS } from '../hints';
import { countsSignature } from './atomMath';
import { drawBlockBars } from './blockBars';
import { EventTable } from './EventTable';
import { drawGammaCostScatter, drawGammaHistogram } from './gammaCharts';
import { atomnasLive, useAtomNasReadouts, type AtomSeriesName } from './liveBuffer';
import { drawShrinkCurves, type CurveSeries } from './shrinkCurves';
import { CheckLine } from './CheckLine';
import { ReadoutList } from '../../../ui/common/ReadoutList';
import { reducedMotion } from '../../../ui/common/reducedMotion';
import { ChartPanel } from '../../../ui/common/ChartPanel';

function curve(name: AtomSeriesName, className: string, extra: Partial<CurveSeries> = {}): CurveSeries {
  const s = atomnasLive.series.series[name];
  return { x: s.x, y: s.y, length: s.length, className, ...extra };
}

/** "1.234 ms", or why there is no number. */
export function ms(v: number | null): string {
  return v !== null && Number.isFinite(v) ? `${v.toFixed(v < 10 ? 3 : 1)} ms` : 'not priced';
}

function Readouts({ profileName }: { profileName: string | null }) {
  const s = useAtomNasReadouts();
  const kept = s.macs / s.supernetMacs;
  const items = [
    { label: 'Step', value: s.active ? String(s.step) : '–', testId: 'an-step' },
    { label: 'MACs now', value: Number.isFinite(s.macs) ? `${compact(s.macs)} (${percent(kept, 1)})` : '–', testId: 'an-macs' },
    { label: 'Params now', value: Number.isFinite(s.params) ? compact(s.params) : '–', testId: 'an-params' },
    { label: 'Supernet MACs', value: Number.isFinite(s.supernetMacs) ? compact(s.supernetMacs) : '–', testId: 'an-supernet-macs' },
    { label: 'Val accuracy', value: s.val ? percent(s.val.acc) : '–', testId: 'an-val' },
    { label: 'Training loss', value: Number.isFinite(s.loss) ? sig(s.loss) : '–', testId: 'an-loss' },
    { label: 'ρ(t)', value: Number.isFinite(s.rhoNow) ? s.rhoNow.toExponential(2) : '–', testId: 'an-rho' },
    { label: 'Shrink events', value: String(s.events.length), testId: 'an-events' },
  ];
  if (s.plannedMacs !== null) items.push({ label: 'Planned MACs', value: compact(s.plannedMacs), testId: 'an-planned' });
  if (profileName) {
    // Never a measurement: the label says where the number comes from.
    const keptMs = s.latencyMs !== null && s.supernetLatencyMs ? s.latencyMs / s.supernetLatencyMs : Number.NaN;
    items.push({
      label: `Latency now, ${predictedLabel(profileName)}`,
      value: s.latencyMs !== null ? `${ms(s.latencyMs)}${Number.isFinite(keptMs) ? ` (${percent(keptMs, 1)})` : ''}` : s.active ? 'not priced: the profile cannot price this network' : '–',
      testId: 'an-latency',
    });
  }
  const dataValue: Record<string, string> = { 'an-macs': String(s.macs), 'an-supernet-macs': String(s.supernetMacs), 'an-latency': String(s.latencyMs ?? Number.NaN) };
  return <ReadoutList items={items.map((i) => ({ ...i, dataValue: dataValue[i.testId] }))} lesson="readouts" />;
}

function KernelLegend() {
  const kernels = useAtomNasReadouts((s) => s.kernels);
  return (
    <p className="legend small" aria-hidden="true">
      {kernels.map((k) => (
        <span key={k}>
          <span className={`swatch k${k}`} /> {k}×{k}{' '}
        </span>
      ))}
      <span className="swatch supernet" /> supernet
    </p>
  );
}

/** The shrink events so far; once the result is on screen its own section lists them (not twice). */
function LiveEvents({ finished }: { finished: boolean }) {
  const events = useAtomNasReadouts((s) => s.events);
  const kernels = useAtomNasReadouts((s) => s.kernels);
  if (events.length === 0 || finished) return null;
  return <EventTable events={events} kernels={kernels} />;
}

/** Says each shrink event to screen readers (the charts show it; the page's status line says only epochs and states). */
function ShrinkAnnouncer() {
  const last = useAtomNasReadouts((s) => s.events.at(-1) ?? null);
  const supernet = useAtomNasReadouts((s) => s.supernetMacs);
  const share = last && supernet > 0 ? ` (${percent(last.macsAfter / supernet, 1)} of the supernet)` : '';
  return (
    <p className="visually-hidden" aria-live="polite" data-testid="an-shrink-live">
      {last ? `Shrink event at step ${last.step}: ${last.removedAtoms} atoms removed, MACs now ${compact(last.macsAfter)}${share}.` : ''}
    </p>
  );
}

export function Live({ run }: MethodViewProps) {
  const profileName = run((s) => s.profile?.name ?? null);
  const finished = run((s) => Boolean(s.record));
  const events = useAtomNasReadouts((s) => s.events);
  const total = useAtomNasReadouts((s) => s.totalSteps);
  const lastBars = useRef({ sig: '', width: 0 });
  const eventSteps = events.map((e) => e.step);

  const drawBars = (svg: SVGSVGElement, width: number): boolean => {
    const s = atomnasLive.snap;
    if (!s) {
      lastBars.current = { sig: '', width: 0 };
      return false;
    }
    const sig = countsSignature(s.blocks);
    if (sig === lastBars.current.sig && width === lastBars.current.width) return true;
    lastBars.current = { sig, width };
    const alive = s.blocks.reduce((a, b) => a + b.counts.reduce((x, y) => x + y, 0), 0);
    svg.dataset.alive = String(alive);
    drawBlockBars(svg, s.blocks, { width, height: 240, kernels: s.kernels, duration: reducedMotion() ? 0 : 700 });
    return true;
  };
  const gammaData = () => {
    const s = atomnasLive.snap;
    return s && s.gamma.length > 0 ? { gamma: s.gamma, atomCost: s.atomCost, atomKernel: s.atomKernel, kernels: s.kernels, threshold: s.threshold } : null;
  };

  return (
    <div className="atomnas-view">
      <Readouts profileName={profileName} />
      <ShrinkAnnouncer />
      <div className="atomnas-charts">
        <ChartPanel lesson="bars" title="Surviving atoms per block" hint={CHART_HINTS.bars} wide>
          <LiveSvg source={atomnasLive} draw={drawBars} label="Stacked bars: atoms alive per searched block and kernel size" emptyText="Press Start to build the supernet" testId="atom-bars" />
          <KernelLegend />
        </ChartPanel>
        <ChartPanel lesson="gamma-hist" title="Gates: log10 |γ|" hint={CHART_HINTS.hist}>
          <LiveSvg
            source={atomnasLive}
            draw={(svg, w) => {
              const d = gammaData();
              if (d) drawGammaHistogram(svg, d, w, 210);
              return d !== null;
            }}
            label="Histogram of log10 of the gate magnitudes with the death threshold"
            emptyText="No gates read yet"
          />
          <CheckLine />
        </ChartPanel>
        <ChartPanel lesson="gamma-scatter" title="|γ| vs atom cost" hint={CHART_HINTS.scatter}>
          <LiveSvg
            source={atomnasLive}
            draw={(svg, w) => {
              const d = gammaData();
              if (d) drawGammaCostScatter(svg, d, w, 210);
              return d !== null;
            }}
            label="Scatter of gate magnitude against atom cost"
            emptyText="No gates read yet"
          />
        </ChartPanel>
        <ChartPanel lesson="curves" title={profileName ? 'MACs, parameters and latency (% of supernet)' : 'MACs and parameters (% of supernet)'} hint={CHART_HINTS.curves}>
          <LiveSvg
            source={atomnasLive.series}
            draw={(svg, w) => {
              if (atomnasLive.series.series.macsPct.length === 0) return false;
              const curves = [curve('macsPct', 'macs', { step: true }), curve('paramsPct', 'params', { step: true }), curve('plannedPct', 'planned')];
              if (atomnasLive.series.series.latencyPct.length > 0) curves.push(curve('latencyPct', 'latency', { step: true }));
              drawShrinkCurves(svg, curves, {
                width: w,
                height: 200,
                xMax: total,
                yDomain: [0, 100],
                yLabel: '% of supernet',
                yFormat: (v) => `${v}%`,
                events: eventSteps,
              });
              return true;
            }}
            label="MACs, parameters and (with a profile) predicted latency over training steps, shrink events marked"
            emptyText="No steps yet"
          />
          <p className="legend small">
            <span className="swatch macs" /> MACs <span className="swatch params" /> params
            {profileName && (
              <>
                {' '}
                <span className="swatch latency" /> latency, {predictedLabel(profileName)}
              </>
            )}{' '}
            <span className="swatch planned" /> target plan ┆ shrink event
          </p>
        </ChartPanel>
        <ChartPanel lesson="val" title="Validation accuracy" hint={CHART_HINTS.val}>
          <LiveSvg
            source={atomnasLive.series}
            draw={(svg, w) => {
              if (atomnasLive.series.series.valAcc.length === 0) return false;
              drawShrinkCurves(svg, [curve('valAcc', 'val', { points: true })], {
                width: w,
                height: 200,
                xMax: total,
                yDomain: [0, 100],
                yLabel: 'val accuracy',
                yFormat: (v) => `${v}%`,
                events: eventSteps,
              });
              return true;
            }}
            label="Validation accuracy over training steps, shrink events marked"
            emptyText="Measured after each epoch"
          />
        </ChartPanel>
      </div>
      <LiveEvents finished={finished} />
    </div>
  );
}
