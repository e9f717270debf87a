import { beforeAll, describe, expect, it } from 'vitest';
import { liveTensors, tinySpec, useCpuBackend } from '../testing';
import { METER_SAMPLES, specLatencyMeter } from './specMeter';
import type { TimingEnv } from './timing';

const env: TimingEnv = { now: () => performance.now(), yieldToEvents: () => Promise.resolve(), isVisibleSince: () => true };

describe('specLatencyMeter (whole networks, LATENCY.md protocol, one unit per step)', () => {
  beforeAll(useCpuBackend);

  it('measures every network: a warm-up unit and 21 samples each, a positive median, nothing left behind', async () => {
    const before = liveTensors();
    const meter = specLatencyMeter(env, 'measured here');
    expect(meter.unitsPerNetwork).toBe(1 + METER_SAMPLES);
    const m = meter.measure([tinySpec(4, 8), tinySpec(4, 12)]);
    expect(m.totalUnits).toBe(2 * meter.unitsPerNetwork);
    let steps = 0;
    while (!m.finished) {
      await m.step();
      steps++;
      expect(m.unitsDone).toBe(steps);
    }
    expect(steps).toBe(2 * (1 + METER_SAMPLES));
    const r = m.results();
    expect(r).toHaveLength(2);
    for (const x of r) {
      expect(x.error).toBeNull();
      expect(x.medianMs).toBeGreaterThan(0);
    }
    m.dispose();
    expect(liveTensors()).toBe(before);
  }, 60_000);

  it('a network that cannot be built is reported with its reason; the others are measured', async () => {
    const bad = { ...tinySpec(4, 8), name: 'broken', layers: [{ type: 'nope' }] } as unknown as ReturnType<typeof tinySpec>;
    const m = specLatencyMeter(env, 'measured here').measure([bad, tinySpec(4, 8)]);
    while (!m.finished) await m.step();
    const [a, b] = m.results();
    expect(a.medianMs).toBeNull();
    expect(a.error).toMatch(/./);
    expect(b.medianMs).toBeGreaterThan(0);
    m.dispose();
  }, 60_000);
});
