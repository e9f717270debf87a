/** The live PAD-NAS charts: op-share heatmap, NSGA-II scatter by generation, search-space size, ranking check. */
import { useRef } from 'react';
import { LiveSvg } from '../../viz/atomnas/LiveSvg';
import { drawParetoScatter } from '../../viz/padnas/paretoScatter';
import { drawShareHeatmap } from '../../viz/padnas/shareHeatmap';
import { drawRanking, drawSpaceSize, tauText } from '../../viz/padnas/stageCharts';
import { Hint } from '../common/Hint';
import { CHART_HINTS } from './hints';
import { padnasLive, usePadNas } from './padnasStore';

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
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

export function PadNasCharts() {
  const lastGen = useRef('');
  const tauBefore = usePadNas((s) => s.final?.ranking.tauBefore);
  const tauAfter = usePadNas((s) => s.final?.ranking.tauAfter);
  const motion = () => (reducedMotion() ? 0 : 600);
  return (
    <div className="padnas-charts">
      <ChartPanel title="Op shares per layer (pruned cells greyed)" hint={CHART_HINTS.heatmap} wide>
        <LiveSvg
          source={padnasLive}
          draw={(svg, w) => {
            const s = padnasLive.snap;
            if (!s) return false;
            drawShareHeatmap(svg, s, w, motion());
            return true;
          }}
          label="Heatmap: share of each op at each layer among the best architectures; pruned ops greyed out"
          emptyText="Press Start to build the supernet"
          testId="pad-heatmap"
        />
      </ChartPanel>
      <ChartPanel title="NSGA-II: latency vs one-shot accuracy" hint={CHART_HINTS.scatter}>
        <LiveSvg
          source={padnasLive}
          draw={(svg, w) => {
            const s = padnasLive.snap;
            const gen = padnasLive.generations.at(-1);
            if (!s || !gen) {
              lastGen.current = '';
              return false;
            }
            svg.dataset.generations = String(padnasLive.generations.length);
            const moved = gen.key !== lastGen.current;
            lastGen.current = gen.key;
            const title = `search round ${gen.round}, generation ${gen.generation + 1} · ${gen.points.length} architectures`;
            drawParetoScatter(svg, gen.points, s.window, { width: w, height: 240, duration: moved ? motion() : 0, title });
            return true;
          }}
          label="Scatter of the NSGA-II population: latency against one-shot accuracy, coloured by rank, window shaded"
          emptyText="The search starts after supernet training"
          testId="pad-scatter"
        />
      </ChartPanel>
      <ChartPanel title="Search-space size (log10)" hint={CHART_HINTS.size}>
        <LiveSvg
          source={padnasLive}
          draw={(svg, w) => {
            const s = padnasLive.snap;
            if (!s) return false;
            drawSpaceSize(svg, s.spaceLog10, w, 200);
            return true;
          }}
          label="Bars: log10 of the number of architectures at the start and after each pruning"
          emptyText="No supernet yet"
          testId="pad-size"
        />
      </ChartPanel>
      <ChartPanel title="Ranking: one-shot vs stand-alone" hint={CHART_HINTS.ranking} wide>
        <LiveSvg
          source={padnasLive}
          draw={(svg, w) => {
            const s = padnasLive.snap;
            if (!s || s.ranking.before.length === 0) return false;
            drawRanking(svg, s.ranking, w);
            return true;
          }}
          label="Two scatters: one-shot accuracy against short stand-alone accuracy, before and after pruning, with Kendall tau"
          emptyText="Measured after stage 1 and after the last pruning"
          testId="pad-ranking"
        />
        {tauBefore !== undefined && (
          <p className="small" data-testid="pad-tau">
            Kendall {tauText(tauBefore)} before pruning, {tauText(tauAfter ?? Number.NaN)} after.
          </p>
        )}
      </ChartPanel>
    </div>
  );
}
