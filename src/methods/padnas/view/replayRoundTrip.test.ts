/** Issue 17 §9 for PAD-NAS: a tiny real run recorded by the page's recorder replays into the same view buffer at every snapshot. */
import { describe, expect, it } from 'vitest';
import { plainState, replayRoundTrip, tinyData } from '../../../state/replayTesting';
import { padnasPreset } from '../config';
import { padnasMethod } from '../index';
import { padnasLive } from './liveBuffer';

describe('PAD-NAS recording round trip', () => {
  it('replays into the same view state as the live run, at every snapshot', async () => {
    const config = {
      ...padnasPreset('tiny'), width: 0.25, trainLimit: 0, valLimit: 0, batchSize: 16, supernetEpochs: 1, finetuneEpochs: 1, population: 4,
      generations: 1, rankArchs: 3, rankSteps: 2, finalEpochs: 1, shareThreshold: 0.3, rankK: 1, windowLo: 0, windowHi: 1,
    };
    const r = await replayRoundTrip(padnasMethod, config, tinyData(160), { apply: (s) => padnasLive.apply(s as never), capture: () => plainState(padnasLive) });
    expect(r.frames).toBe(r.live.length);
    for (let i = 0; i < r.frames; i++) expect(r.replayed[i], `frame ${i}`).toEqual(r.live[i]);
    for (const [i, state] of r.jumps) expect(state, `jump to ${i}`).toEqual(r.live[i]);
    expect(r.live[r.frames - 1]).not.toEqual(r.live[0]);
  }, 300_000);
});
