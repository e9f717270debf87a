/** The live part of the random-search screen: the candidate scatter and three readouts. */
import { useSyncExternalStore } from 'react';
import { Hint } from '../../../ui/common/Hint';
import { LiveSvg } from '../../../viz/LiveSvg';
import type { MethodViewProps } from '../../viewTypes';
import { CHART_HINTS } from '../hints';
import { randomLive, readoutValues } from './liveBuffer';
import { drawCandidateScatter } from './scatter';
import { ReadoutList } from '../../../ui/common/ReadoutList';
import { reducedMotion } from '../../../ui/common/reducedMotion';

const TITLE = 'Sampled architectures: cost vs validation accuracy';

function drawScatter(svg: SVGSVGElement, width: number): boolean {
  const win = randomLive.window;
  if (!win) return false;
  svg.dataset.points = String(randomLive.candidates.length);
  drawCandidateScatter(svg, randomLive.candidates, win, randomLive.bestIndex, { width, height: 280, duration: reducedMotion() ? 0 : 400 });
  return true; // the window band shows before the first dot
}

const subscribe = (fn: () => void) => randomLive.subscribe(fn);
// A string, so React re-renders only when a readout's text changes (at candidate boundaries), not on every snapshot.
const readoutKey = () => Object.values(readoutValues(randomLive)).join('\n');

export function Live({ run }: MethodViewProps) {
  const [candidate, phase, best] = useSyncExternalStore(subscribe, readoutKey).split('\n');
  const notice = run((s) => s.started?.info.notice);
  const items = [
    { label: 'Candidate', value: candidate, testId: 'random-candidate' },
    { label: 'Phase', value: phase, testId: 'random-phase' },
    { label: 'Best validation accuracy', value: best, testId: 'random-best' },
  ];
  return (
    <div className="random-view">
      <section className="panel chart-panel" aria-label={TITLE} data-lesson="scatter">
        <div className="panel-head">
          <h2>{TITLE}</h2>
          <Hint label={TITLE}>{CHART_HINTS.scatter}</Hint>
        </div>
        <LiveSvg
          source={randomLive}
          draw={drawScatter}
          label="Scatter: each sampled architecture's cost against its validation accuracy; the window shaded, the best so far ringed"
          emptyText="The cost window appears when the run starts, then one dot per candidate as it finishes its short training"
          testId="random-scatter"
        />
        <ReadoutList items={items} lesson="readouts" />
        {typeof notice === 'string' && <p className="small random-notice">{notice}</p>}
      </section>
    </div>
  );
}
