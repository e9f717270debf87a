/**
 * The live part of the AutoSpace-style screen: what "evolving the search space" means in four steps with the run's
 * readouts, then the per-slot population board, softmax(α) over time, the top-K timeline, the budget gauge and the
 * payoff (learned vs hand-designed space). Every chart has a "?" and a visually hidden summary for screen readers.
 */
import { useId, useState, useSyncExternalStore } from 'react';
import { Hint } from '../../../ui/common/Hint';
import { LiveSvg } from '../../../viz/LiveSvg';
import type { MethodViewProps } from '../../viewTypes';
import { drawAlphaBars } from './alphaBars';
import { drawBudgetGauge } from './budgetGauge';
import { slotColors } from './colors';
import { CHART_HINTS } from './hints';
import { autospaceLive as live, readoutValues, slotLabel } from './liveBuffer';
import { drawPayoffFronts, verdict } from './payoffFronts';
import { drawPopulationBoard } from './populationBoard';
import { alphaSummary, boardSummary, budgetSummary, payoffSummary, topKSummary } from './summaries';
import { drawTopKTimeline } from './topKTimeline';
import { ReadoutList } from '../../../ui/common/ReadoutList';
import { reducedMotion } from '../../../ui/common/reducedMotion';
import { ChartPanel } from '../../../ui/common/ChartPanel';

const motion = (ms: number) => (reducedMotion() ? 0 : ms);

const subscribe = (fn: () => void) => live.subscribe(fn);
/** A string from the buffer, re-rendering React only when it changes. */
const useLiveText = (read: () => string) => useSyncExternalStore(subscribe, read, read);

/** A labelled slot <select> with its "?". */
function SlotSelect({ label, hint, value, onChange, slots, all }: { label: string; hint: string; value: number | null; onChange: (v: number | null) => void; slots: number[]; all?: string }) {
  const id = useId();
  return (
    <span className="as-control">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value === null ? 'all' : String(value)} onChange={(e) => onChange(e.target.value === 'all' ? null : Number(e.target.value))}>
        {all && <option value="all">{all}</option>}
        {slots.map((s) => (
          <option key={s} value={s}>
            {slotLabel(s)}
          </option>
        ))}
      </select>
      <Hint label={label}>{hint}</Hint>
    </span>
  );
}

function Intro() {
  const key = useLiveText(() => Object.values(readoutValues(live)).join('\n'));
  const [phase, iteration, step, loss, budget, event] = key.split('\n');
  const items = [
    { label: 'Phase', value: phase, testId: 'as-phase' },
    { label: 'Iteration', value: iteration, testId: 'as-iteration' },
    { label: 'Supernet steps', value: step, testId: 'as-step' },
    { label: 'Supernet loss', value: loss, testId: 'as-loss' },
    { label: 'Expected cost vs budget', value: budget, testId: 'as-budget-readout' },
  ];
  return (
    <section className="panel chart-panel wide" aria-labelledby="as-intro-title" data-lesson="intro">
      <div className="panel-head">
        <h2 id="as-intro-title">
          Evolving the search space <span className="as-badge">AutoSpace-style</span>
        </h2>
        <Hint label="Evolving the search space">{CHART_HINTS.intro}</Hint>
      </div>
      <p className="small muted">
        Our reconstruction from the AutoSpace paper’s description: its search code is unpublished, so details here are ours (see “How this differs from the paper”).
      </p>
      <ol className="as-steps small">
        <li>
          <strong>Populations.</strong> Each layer (slot B1…) keeps a population of candidate <em>cells</em>: tiny 4-node graphs whose edges are convolutions.
        </li>
        <li>
          <strong>Tournament.</strong> Each iteration picks K cells per slot (outlined on the board); the supernet runs all K and mixes their outputs with softmax(α)
          weights, trained by backprop with the weights.
        </li>
        <li>
          <strong>Evolution.</strong> A cell’s fitness follows the α it earns; weak cells are dropped, mutants of strong ones join. The budget keeps the expected cost in check.
        </li>
        <li>
          <strong>Learned space.</strong> Each slot’s top-K cells become the search space a standard NAS search (PAD-NAS) explores — the payoff compares it with the
          hand-designed space.
        </li>
      </ol>
      <ReadoutList items={items} />
      <p className="small as-event" aria-live="polite" data-testid="as-event">
        {event}
      </p>
    </section>
  );
}

export function Live({ run }: MethodViewProps) {
  const notice = run((s) => s.started?.info.notice ?? null);
  // Once the result is on screen, its own section shows the payoff in full (chart, verdict, table): not twice.
  const finished = run((s) => Boolean(s.record));
  const [boardSlot, setBoardSlot] = useState<number | null>(null);
  const [alphaSlot, setAlphaSlot] = useState<number | null>(null);
  const slots = useLiveText(() => live.slotIds().join(','))
    .split(',')
    .filter((s) => s !== '')
    .map(Number);
  const alphaShown = alphaSlot ?? slots[0] ?? 0;
  const board = useLiveText(() => boardSummary(live.slots, live.snap?.iteration ?? 0));
  const alpha = useLiveText(() => alphaSummary(live.alphaRows, alphaShown));
  const topK = useLiveText(() => topKSummary(live.topK));
  const budget = useLiveText(() => budgetSummary(live.budget));
  const payoff = useLiveText(() => payoffSummary(live.payoff));
  const verdictKey = useLiveText(() => {
    const v = verdict(live.payoff);
    return live.payoff ? `${v.kind}\n${v.text}` : '';
  });
  const [verdictKind, verdictText] = verdictKey.split('\n');
  return (
    <div className="autospace-view">
      <Intro />
      {typeof notice === 'string' && (
        <p className="small as-notice" role="status" data-testid="as-notice">
          {notice}
        </p>
      )}
      <ChartPanel
        lesson="board"
        title="Population board: cells per slot"
        hint={CHART_HINTS.board}
        summary={board}
        wide
        controls={<SlotSelect label="Slots shown" hint={CHART_HINTS.boardSlots} value={boardSlot} onChange={setBoardSlot} slots={slots} all="all slots" />}
      >
        <LiveSvg
          source={live}
          draw={(svg, w) => {
            if (live.slots.length === 0) return false;
            drawPopulationBoard(svg, live.slots, { width: w, only: boardSlot !== null && slots.includes(boardSlot) ? boardSlot : null, iteration: live.topK.at(-1)?.iteration ?? 0, duration: motion(500) });
            return true;
          }}
          label="Population board: for each slot, every cell as a small graph with a fitness bar; this iteration's tournament picks outlined with their softmax(α) weight"
          emptyText="Each slot's population appears here when the run starts"
          testId="as-board"
        />
        <p className="small muted as-legend">
          Edges: <b>3</b>/<b>5</b>/<b>7</b> depthwise k×k · <b>1</b> 1×1 conv · <b>=</b> identity · zero edges not drawn · <b>e</b> expansion · ★ reference cell (MB k3 e3) · outlined = tournament
          pick · bar = fitness
        </p>
      </ChartPanel>
      <ChartPanel
        lesson="alpha"
        title="softmax(α) of the picks over time"
        hint={CHART_HINTS.alpha}
        summary={alpha}
        controls={<SlotSelect label="Slot" hint={CHART_HINTS.alphaSlot} value={alphaSlot} onChange={setAlphaSlot} slots={slots} />}
      >
        <LiveSvg
          source={live}
          draw={(svg, w) => drawAlphaBars(svg, live.alphaRows, alphaShown, { width: w, height: 220, duration: motion(400), color: slotColors(live.alphaRows, live.topK, alphaShown) })}
          label={`Stacked bars: for ${slotLabel(alphaShown)}, one bar per iteration split into the softmax(α) weights of its tournament picks`}
          emptyText="One bar per finished iteration"
          testId="as-alpha"
        />
      </ChartPanel>
      <ChartPanel lesson="budget" title="Budget: expected cost vs budget" hint={CHART_HINTS.budget} summary={budget}>
        <LiveSvg
          source={live}
          draw={(svg, w) => {
            if (!live.budget) return false;
            drawBudgetGauge(svg, live.budget, live.budgetTrace, { width: w, duration: motion(400) });
            return true;
          }}
          label="Gauge: the supernet's expected cost against the budget line, and the expected cost at each iteration"
          emptyText="The expected cost appears with the first snapshot"
          testId="as-budget"
        />
      </ChartPanel>
      <ChartPanel lesson="topk" title="Top-K timeline: the learned space taking shape" hint={CHART_HINTS.topK} summary={topK} wide>
        <LiveSvg
          source={live}
          draw={(svg, w) => drawTopKTimeline(svg, live.topK, (slot) => slotColors(live.alphaRows, live.topK, slot), { width: w, duration: motion(300) })}
          label="Timeline: for each slot, its top-K cells after every iteration; a cell keeps its colour"
          emptyText="One column per finished iteration"
          testId="as-topk"
        />
      </ChartPanel>
      {!finished && (
        <ChartPanel lesson="payoff" title="Payoff: learned vs hand-designed space" hint={CHART_HINTS.payoff} summary={payoff} wide>
          <LiveSvg
            source={live}
            draw={(svg, w) => (live.payoff ? drawPayoffFronts(svg, live.payoff, { width: w, height: 300, duration: motion(500) }) : false)}
            label="Scatter: networks of both spaces, validation accuracy against cost, each space's Pareto front and the hypervolume it dominates shaded"
            emptyText="After the space is learned: the same PAD-NAS search in both spaces, then their fronts trained stand-alone"
            testId="as-payoff"
          />
          <p className={`as-verdict verdict-${verdictKind || 'pending'}`} data-testid="as-verdict" aria-live="polite">
            {verdictText ?? ''}
          </p>
        </ChartPanel>
      )}
    </div>
  );
}
