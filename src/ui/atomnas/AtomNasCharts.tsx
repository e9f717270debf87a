/** The live AtomNAS charts: surviving atoms per block, γ histogram, MACs/params and accuracy curves, |γ| vs cost. */
import { useRef } from 'react';
import { countsSignature } from '../../viz/atomnas/atomMath';
import { drawBlockBars } from '../../viz/atomnas/blockBars';
import { drawGammaCostScatter, drawGammaHistogram } from '../../viz/atomnas/gammaCharts';
import { LiveSvg } from '../../viz/atomnas/LiveSvg';
import { drawShrinkCurves, type CurveSeries } from '../../viz/atomnas/shrinkCurves';
import { Hint } from '../common/Hint';
import { atomnasLive, useAtomNas, type AtomSeriesName } from './atomnasStore';
import { CHART_HINTS } from './hints';

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

function view(name: AtomSeriesName, className: string, extra: Partial<CurveSeries> = {}): CurveSeries {
  const s = atomnasLive.series.series[name];
  return { x: s.x, y: s.y, length: s.length, className, ...extra };
}

function ChartPanel({ title, hint, children, wide }: { title: string; hint: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <section className={`panel chart-panel${wide ? ' wide' : ''}`} aria-label={title}>
      <div className="panel-head">
        <h2>{title}</h2>
        <Hint label={title}>{hint}</Hint>
      </div>
      {children}
    </section>
  );
}

export function AtomNasCharts() {
  const events = useAtomNas((s) => s.events);
  const total = useAtomNas((s) => s.totalSteps);
  const profileName = useAtomNas((s) => s.profile?.name ?? null);
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
    <div className="atomnas-charts">
      <ChartPanel title="Surviving atoms per block" hint={CHART_HINTS.bars} wide>
        <LiveSvg source={atomnasLive} draw={drawBars} label="Stacked bars: atoms alive per searched block and kernel size" emptyText="Press Start to build the supernet" testId="atom-bars" />
        <KernelLegend />
      </ChartPanel>
      <ChartPanel title="Gates: log10 |γ|" hint={CHART_HINTS.hist}>
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
      </ChartPanel>
      <ChartPanel title="|γ| vs atom cost" hint={CHART_HINTS.scatter}>
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
      <ChartPanel title={profileName ? 'MACs, parameters and latency (% of supernet)' : 'MACs and parameters (% of supernet)'} hint={CHART_HINTS.curves}>
        <LiveSvg
          source={atomnasLive.series}
          draw={(svg, w) => {
            const macs = atomnasLive.series.series.macsPct;
            if (macs.length === 0) return false;
            const curves = [view('macsPct', 'macs', { step: true }), view('paramsPct', 'params', { step: true }), view('plannedPct', 'planned')];
            if (atomnasLive.series.series.latencyPct.length > 0) curves.push(view('latencyPct', 'latency', { step: true }));
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
              <span className="swatch latency" /> latency, predicted (profile {profileName})
            </>
          )}{' '}
          <span className="swatch planned" /> target plan ┆ shrink event
        </p>
      </ChartPanel>
      <ChartPanel title="Validation accuracy" hint={CHART_HINTS.val}>
        <LiveSvg
          source={atomnasLive.series}
          draw={(svg, w) => {
            if (atomnasLive.series.series.valAcc.length === 0) return false;
            drawShrinkCurves(svg, [view('valAcc', 'val', { points: true })], {
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
  );
}

function KernelLegend() {
  const kernels = atomnasLive.snap?.kernels ?? [3, 5, 7];
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
