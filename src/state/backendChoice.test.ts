import { describe, expect, it } from 'vitest';
import type { AdapterBrief, BackendId, ProbeResult } from '../core/backendChoice';
import { chooseBackend, CHOICE_STORAGE_KEY, type ChoiceDeps } from './backendChoice';

const SWIFTSHADER: AdapterBrief = { vendor: 'google', architecture: 'swiftshader', device: '', description: '', isFallbackAdapter: true };
const GPU: AdapterBrief = { vendor: 'nvidia', architecture: 'hopper', device: '', description: '', isFallbackAdapter: false };

function deps(adapter: AdapterBrief | null, probe: ProbeResult[]) {
  const store = new Map<string, string>();
  const calls: (readonly BackendId[])[] = [];
  const d: ChoiceDeps = {
    queryAdapter: () => Promise.resolve({ adapter }),
    storage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) },
    userAgent: 'Chrome/156',
    probe: (c) => {
      calls.push(c);
      return Promise.resolve(probe);
    },
    now: () => new Date('2026-11-30T10:00:00Z'),
  };
  return { d, store, calls };
}

const CPU_WINS: ProbeResult[] = [
  { backend: 'cpu', status: 'timed', firstMs: 600, stepMs: [300, 310, 305], shareMs: 3333 },
  { backend: 'webgl', status: 'first-only', firstMs: 3000, stepMs: [], shareMs: 4000 },
  { backend: 'webgpu', status: 'unfinished', stepMs: [], shareMs: 4000 },
];

describe('chooseBackend', () => {
  it('on a software adapter times the backends CPU first, picks the fastest and keeps it for the device', async () => {
    const { d, store, calls } = deps(SWIFTSHADER, CPU_WINS);
    const first = await chooseBackend(undefined, d);
    expect(first).toMatchObject({ mode: 'auto', backend: 'cpu', fromCache: false, measuredAt: '2026-11-30T10:00:00.000Z' });
    expect(calls).toEqual([['cpu', 'webgl', 'webgpu']]);
    expect(store.get(CHOICE_STORAGE_KEY)).toContain('"backend":"cpu"');
    const again = await chooseBackend(undefined, d);
    expect(again).toMatchObject({ backend: 'cpu', fromCache: true, probe: CPU_WINS });
    expect(calls).toHaveLength(1);
  });

  it('does not time anything on a hardware adapter, without WebGPU, or when the user pinned a backend', async () => {
    for (const adapter of [GPU, null]) {
      const { d, calls } = deps(adapter, CPU_WINS);
      expect((await chooseBackend(undefined, d)).backend).toBe('webgpu');
      expect(calls).toHaveLength(0);
    }
    const { d, calls } = deps(SWIFTSHADER, CPU_WINS);
    expect(await chooseBackend('webgl', d)).toMatchObject({ mode: 'pinned', backend: 'webgl' });
    expect(calls).toHaveLength(0);
  });

  it('survives a failing adapter query and blocked storage', async () => {
    const { d } = deps(SWIFTSHADER, CPU_WINS);
    d.queryAdapter = () => Promise.reject(new Error('adapter query failed'));
    expect((await chooseBackend(undefined, d)).reason).toContain('adapter query failed');
    const blocked = deps(SWIFTSHADER, CPU_WINS).d;
    blocked.storage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(await chooseBackend(undefined, blocked)).toMatchObject({ backend: 'cpu', fromCache: false });
  });
});
