/**
 * The live part of the PAD-NAS screen: readouts (phase, rounds, latency window and its unit, supernet loss), then the
 * op-share heatmap, the NSGA-II scatter by generation, the search-space size and the ranking check.
 */
import { useRef, useSyncExternalStore } from 'react';
import { LiveSvg } from '../../../viz/LiveSvg';
import type { MethodViewProps } from '../../viewTypes';
import { CHART_HINTS } from '../hints';
import type { PadNasWindow } from '../snapshot';
import { padnasLive, readoutValues } from './liveBuffer';
import { drawParetoScatter } from './paretoScatter';
import { drawShareHeatmap } from './shareHeatmap';
import { drawRanking, drawSpaceSize, tauText } from './stageCharts';
import { ReadoutList } from '../../../ui/common/ReadoutList';
import { reducedMotion } from '../../../ui/common/reducedMotion';
import { ChartPanel } from '../../../ui/common/ChartPanel';

const subscribe = (fn: () => void) => padnasLive.subscribe(fn);
/** Text that changes only at phase / round boundaries, so React re-renders rarely. */
const tauKey = () => {
  const r = padnasLive.snap?.ranking;
  return r && r.after.length > 0 && padnasLive.snap?.phase !== 'rank-after' ? `${r.tauBefore}\n${r.tauAfter}` : '';
};

function Readouts({ started }: { started: PadNasWindow | null }) {
  const key = useSyncExternalStore(subscribe, () => Object.values(readoutValues(padnasLive, started)).join('\n'));
  const [phase, rounds, window, unit, loss] = key.split('\n');
  const items = [
    { label: 'Phase', value: phase, testId: 'pad-phase' },
    { label: 'Search rounds done', value: rounds, testId: 'pad-rounds' },
    { label: 'Latency window', value: window, testId: 'pad-window' },
    { label: 'Latency measured as', value: unit, testId: 'pad-unit' },
    { label: 'Supernet loss', value: loss, testId: 'pad-loss' },
  ];
  return (
    <>
      <p className="muted small" aria-live="polite" data-testid="pad-phase-live">
        {phase === '–' ? '' : phase}
      </p>
      <ReadoutList items={items} />
    </>
  );
}

export function Live({ run }: MethodViewProps) {
  const lastGen = useRef('');
  const started = run((s) => s.started?.info.window ?? null) as PadNasWindow | null;
  const notice = run((s) => s.started?.info.notice ?? null);
  const tau = useSyncExternalStore(subscribe, tauKey);
  const [tauBefore, tauAfter] = tau ? tau.split('\n').map(Number) : [];
  const motion = () => (reducedMotion() ? 0 : 600);
  return (
    <div className="padnas-charts">
      <section className="panel chart-panel wide" aria-label="PAD-NAS search" data-lesson="readouts">
        <Readouts started={started} />
        {typeof notice === 'string' && (
          <p className="small" role="status" data-testid="pad-notice">
            {notice}
          </p>
        )}
      </section>
      <ChartPanel lesson="heatmap" title="Op shares per layer (pruned cells greyed)" hint={CHART_HINTS.heatmap} wide>
        <LiveSvg
          source={padnasLive}
          draw={(svg, w) => {
            const s = padnasLive.snap;
            if (!s) return false;
            drawShareHeatmap(svg, s, w, motion());
            return true;
          }}
          label="Heatmap: share of each op at each layer among the best architectures; pruned ops greyed out"
          emptyText="Each layer's op shares appear once the supernet is built"
          testId="pad-heatmap"
        />
      </ChartPanel>
      <ChartPanel lesson="scatter" title="NSGA-II: latency vs one-shot accuracy" hint={CHART_HINTS.scatter}>
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
      <ChartPanel lesson="size" title="Search-space size (log10)" hint={CHART_HINTS.size}>
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
      <ChartPanel lesson="ranking" title="Ranking: one-shot vs stand-alone" hint={CHART_HINTS.ranking} wide>
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
            Kendall {tauText(tauBefore)} before pruning, {tauText(tauAfter)} after.
          </p>
        )}
      </ChartPanel>
    </div>
  );
}
