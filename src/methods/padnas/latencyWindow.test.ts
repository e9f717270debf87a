import { describe, expect, it } from 'vitest';
import { predictLatencyMs } from '../../core/latency/predict';
import { syntheticProfile } from '../../core/latency/testProfile';
import { extremeGenotypes, genotypeSpec, singlePathSpace as initialSpace } from '../../core/space/singlePath';
import { latencyModel } from './latencyWindow';
import { singlePathTestProfile, TEST_SKELETON } from '../../core/space/testProfile';

const SK = TEST_SKELETON;

const fullProfile = () => singlePathTestProfile('padnas-test');

describe('PAD-NAS latency window', () => {
  it('without a profile: MACs, window between the cheapest and the dearest architecture', () => {
    const m = latencyModel(SK, initialSpace(1), 0.25, 0.75, null);
    expect(m.window.unit).toBe('MACs');
    expect(m.window.profileName).toBeNull();
    expect(m.window.lo).toBeCloseTo(m.window.min + 0.25 * (m.window.max - m.window.min));
    const { cheapest, dearest } = extremeGenotypes(initialSpace(1));
    expect(m.inWindow(cheapest)).toBe(false);
    expect(m.inWindow(dearest)).toBe(false);
  });

  it('with a profile that prices every op: predicted ms, labelled with the profile', () => {
    const p = fullProfile();
    const m = latencyModel(SK, initialSpace(1), 0, 1, p);
    expect(m.notice).toBeNull();
    expect(m.window.unit).toBe('ms');
    expect(m.window.profileName).toBe(p.name);
    const g = ['k5e6', 'skip', 'k3e3', 'k7e3', 'k3e6', 'skip', 'k7e6'];
    expect(m.cost(g)).toBeCloseTo(predictLatencyMs(genotypeSpec(g, SK), p));
  });

  it('with a profile that cannot price the skeleton: falls back to MACs and says why', () => {
    const m = latencyModel({ ...SK, width: 0.5 }, initialSpace(0.5), 0, 1, syntheticProfile());
    expect(m.window.unit).toBe('MACs');
    expect(m.notice).toMatch(/cannot price/);
  });
});
