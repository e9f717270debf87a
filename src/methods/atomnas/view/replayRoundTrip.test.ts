/**
 * Issue 17 §9: a tiny real AtomNAS run (CPU, 8×8 synthetic data, strong ρ so atoms die within a few steps) recorded
 * by the page's live recorder, written and parsed back, then replayed through state/replay into the view's live
 * buffer: the buffer (series, readouts, latest snapshot) equals the live one at every snapshot, and after jumps.
 */
import { describe, expect, it } from 'vitest';
import { replayRoundTrip, tinyData } from '../../../state/replayTesting';
import { atomnasMethod } from '../index';
import { atomnasPreset } from '../settings';
import { atomnasLive, useAtomNasReadouts } from './liveBuffer';

function capture(): unknown {
  const series = Object.fromEntries(
    Object.entries(atomnasLive.series.series).map(([k, s]) => [k, { x: Array.from(s.x.subarray(0, s.length)), y: Array.from(s.y.subarray(0, s.length)) }]),
  );
  return { series, readouts: { ...useAtomNasReadouts.getState() }, snap: atomnasLive.snap };
}

describe('AtomNAS recording round trip', () => {
  it('replays into the same view state as the live run, at every snapshot', async () => {
    // As run/run.test.ts: half width, lr 0.03 (1×1 maps in the last blocks sit on the edge of divergence at 0.1), ρ 0.5.
    const config = { ...atomnasPreset('tiny'), width: 0.5, epochs: 3, batchSize: 16, trainLimit: 0, lr: 0.03, rho: 0.5, rampFrac: 0.05, shrinkEvery: 3, emaDecay: 0.5, bnRecalBatches: 2 };
    const r = await replayRoundTrip(atomnasMethod, config, tinyData(240), { apply: (s) => atomnasLive.apply(s as never), capture });
    expect(r.frames).toBe(r.live.length);
    expect(r.frames).toBeGreaterThan(5);
    expect(r.events).toBeGreaterThan(0); // the run shrank: the replay found its shrink events
    for (let i = 0; i < r.frames; i++) expect(r.replayed[i], `frame ${i}`).toEqual(r.live[i]);
    for (const [i, state] of r.jumps) expect(state, `jump to ${i}`).toEqual(r.live[i]);
    // The view really accumulates: the last frame holds more loss points than the first.
    const lossPoints = (s: unknown) => (s as { series: { loss: { x: number[] } } }).series.loss.x.length;
    expect(lossPoints(r.live[r.frames - 1])).toBeGreaterThan(lossPoints(r.live[0]));
  }, 240_000);
});
