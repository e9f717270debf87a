import { beforeAll, describe, expect, it } from 'vitest';
import { runProbeSteps } from './backendProbe';
import { liveTensors, useCpuBackend } from './testing';

beforeAll(useCpuBackend);

describe('runProbeSteps', () => {
  it('trains 1 + n steps, reports each as it ends, and leaves no tensor', async () => {
    const before = liveTensors();
    const seen: [number, number][] = [];
    const times = await runProbeSteps(2, (i, ms) => seen.push([i, ms]));
    expect(times).toHaveLength(3);
    expect(seen.map(([i]) => i)).toEqual([0, 1, 2]);
    expect(seen.map(([, ms]) => ms)).toEqual(times);
    expect(times.every((ms) => ms > 0 && Number.isFinite(ms))).toBe(true);
    expect(liveTensors()).toBe(before);
  });
});
