/** Issue 17 §9 for random search: a tiny real run recorded by the page's recorder replays into the same view buffer at every snapshot. */
import { describe, expect, it } from 'vitest';
import { plainState, replayRoundTrip, tinyData } from '../../../state/replayTesting';
import { RANDOM_PRESETS } from '../config';
import { randomMethod } from '../index';
import { randomLive } from './liveBuffer';

describe('random search recording round trip', () => {
  it('replays into the same view state as the live run, at every snapshot', async () => {
    const config = { ...RANDOM_PRESETS.tiny, width: 0.25, samples: 3, steps: 3, finalEpochs: 1, trainLimit: 0, batchSize: 16, windowLo: 0, windowHi: 1 };
    const r = await replayRoundTrip(randomMethod, config, tinyData(160), { apply: (s) => randomLive.apply(s as never), capture: () => plainState(randomLive) });
    expect(r.frames).toBe(r.live.length);
    expect(r.events).toBeGreaterThan(0); // scored candidates
    for (let i = 0; i < r.frames; i++) expect(r.replayed[i], `frame ${i}`).toEqual(r.live[i]);
    for (const [i, state] of r.jumps) expect(state, `jump to ${i}`).toEqual(r.live[i]);
    const scored = (s: unknown) => (s as { candidates: unknown[] }).candidates.length;
    expect(scored(r.live[r.frames - 1])).toBe(3);
    expect(scored(r.live[0])).toBeLessThan(3);
  }, 240_000);
});
