/** Issue 17 §9 for Efficient Global NAS: a tiny real run recorded by the page's recorder replays into the same view buffer at every snapshot. */
import { describe, expect, it } from 'vitest';
import { plainState, replayRoundTrip, tinyData } from '../../../state/replayTesting';
import { EGNAS_PRESETS } from '../config';
import { egnasMethod } from '../index';
import { egnasLive } from './liveBuffer';

describe('Efficient Global NAS recording round trip', () => {
  it('replays into the same view state as the live run, at every snapshot', async () => {
    const config = {
      ...EGNAS_PRESETS.tiny, tinyStem: false, Lmin: 2, Lmax: 3, Cmin: 2, Cmax: 4, widthStep: 2, startEpochs: 1, microEpochs: 1,
      rankCandidates: 2, rankFixedEpochs: 1, rankRefEpochs: 3, trainLimit: 0, batchSize: 16, paramTol: 0.1,
    };
    const r = await replayRoundTrip(egnasMethod, config, tinyData(160), { apply: (s) => egnasLive.apply(s as never), capture: () => plainState(egnasLive) });
    expect(r.frames).toBe(r.live.length);
    expect(r.events).toBeGreaterThan(0); // decided candidates
    for (let i = 0; i < r.frames; i++) expect(r.replayed[i], `frame ${i}`).toEqual(r.live[i]);
    for (const [i, state] of r.jumps) expect(state, `jump to ${i}`).toEqual(r.live[i]);
    expect(r.live[r.frames - 1]).not.toEqual(r.live[0]);
  }, 300_000);
});
