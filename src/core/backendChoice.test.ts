import { describe, expect, it } from 'vitest';
import {
  cacheText,
  choiceWithoutProbe,
  describeProbe,
  deviceKey,
  isSoftwareAdapter,
  orderFor,
  pickFastest,
  rankMs,
  readCachedChoice,
  type AdapterBrief,
  type ProbeResult,
} from './backendChoice';

const SWIFTSHADER: AdapterBrief = { vendor: 'google', architecture: 'swiftshader', device: '', description: '', isFallbackAdapter: true };
const NVIDIA: AdapterBrief = { vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H200', isFallbackAdapter: false };

const timed = (backend: ProbeResult['backend'], stepMs: number[], firstMs = 1000): ProbeResult => ({ backend, status: 'timed', firstMs, stepMs, shareMs: 3000 });

describe('backend choice', () => {
  it('knows software adapters by the fallback flag or by name', () => {
    expect(isSoftwareAdapter(SWIFTSHADER)).toBe(true);
    expect(isSoftwareAdapter({ ...SWIFTSHADER, isFallbackAdapter: false })).toBe(true);
    expect(isSoftwareAdapter({ ...NVIDIA, description: 'llvmpipe (LLVM 15.0.7, 256 bits)' })).toBe(true);
    expect(isSoftwareAdapter(NVIDIA)).toBe(false);
  });

  it('ranks by the median of the timed steps, else by the first step, and never an unfinished or failed backend', () => {
    expect(rankMs(timed('cpu', [300, 100, 200]))).toBe(200);
    expect(rankMs(timed('cpu', [300, 100]))).toBe(200);
    expect(rankMs({ backend: 'webgl', status: 'first-only', firstMs: 2500, stepMs: [], shareMs: 3000 })).toBe(2500);
    expect(rankMs({ backend: 'webgpu', status: 'unfinished', stepMs: [], shareMs: 3000 })).toBeUndefined();
    expect(rankMs({ backend: 'webgl', status: 'failed', stepMs: [], shareMs: 3000, reason: 'no WebGL' })).toBeUndefined();
  });

  it('picks the fastest and says why with every timing', () => {
    const probe: ProbeResult[] = [
      timed('cpu', [320, 340, 330]),
      { backend: 'webgl', status: 'first-only', firstMs: 2900, stepMs: [], shareMs: 3300 },
      { backend: 'webgpu', status: 'unfinished', stepMs: [], shareMs: 4000 },
    ];
    const { backend, reason } = pickFastest(probe, SWIFTSHADER);
    expect(backend).toBe('cpu');
    expect(reason).toContain('software adapter (google swiftshader');
    expect(reason).toContain('cpu 0.33 s/step');
    expect(reason).toContain('webgl 2.9 s for its first step');
    expect(reason).toContain('webgpu: first step not done in its 4.0 s');
    expect(reason).toContain('cpu is the fastest here');
    // A slower CPU loses to a GPU backend that was timed faster.
    expect(pickFastest([timed('cpu', [900]), timed('webgpu', [200])], SWIFTSHADER).backend).toBe('webgpu');
  });

  it('breaks a near tie (within 5 %) towards WebGPU, then WebGL', () => {
    expect(pickFastest([timed('cpu', [100]), timed('webgl', [104])], SWIFTSHADER).backend).toBe('webgl');
    expect(pickFastest([timed('cpu', [100]), timed('webgl', [120])], SWIFTSHADER).backend).toBe('cpu');
    expect(pickFastest([timed('webgl', [100]), timed('webgpu', [103])], SWIFTSHADER).backend).toBe('webgpu');
  });

  it('stays on WebGPU when nothing finished a step, and says so', () => {
    const r = pickFastest(
      [
        { backend: 'cpu', status: 'failed', stepMs: [], shareMs: 3000, reason: 'boom' },
        { backend: 'webgpu', status: 'unfinished', stepMs: [], shareMs: 7000 },
      ],
      SWIFTSHADER,
    );
    expect(r.backend).toBe('webgpu');
    expect(r.reason).toContain('none finished a step');
    expect(r.reason).toContain('cpu did not start (boom)');
  });

  it('needs no probe when pinned, on a hardware adapter, or without WebGPU', () => {
    expect(choiceWithoutProbe('webgl', SWIFTSHADER)).toMatchObject({ mode: 'pinned', backend: 'webgl' });
    expect(choiceWithoutProbe(undefined, NVIDIA)).toMatchObject({ mode: 'auto', backend: 'webgpu' });
    expect(choiceWithoutProbe(undefined, NVIDIA).reason).toContain('hardware adapter (nvidia hopper)');
    expect(choiceWithoutProbe(undefined, null, 'navigator.gpu is missing').reason).toContain('No WebGPU adapter (navigator.gpu is missing)');
  });

  it('tries the chosen backend first and keeps the others as fallbacks', () => {
    expect(orderFor('cpu')).toEqual(['cpu', 'webgpu', 'webgl']);
    expect(orderFor('webgpu')).toEqual(['webgpu', 'webgl', 'cpu']);
  });

  it('keeps a choice per device: another adapter, browser version or a damaged entry is not used', () => {
    const key = deviceKey(SWIFTSHADER, 'Chrome/156');
    const probe = [timed('cpu', [300])];
    const { backend, reason } = pickFastest(probe, SWIFTSHADER);
    const text = cacheText({ mode: 'auto', backend, reason, probe, measuredAt: '2026-11-30T10:00:00.000Z' }, key);
    expect(readCachedChoice(text, key)).toEqual({ mode: 'auto', backend: 'cpu', reason, probe, measuredAt: '2026-11-30T10:00:00.000Z', fromCache: true });
    expect(readCachedChoice(text, deviceKey(SWIFTSHADER, 'Chrome/157'))).toBeNull();
    expect(readCachedChoice(text, deviceKey({ ...SWIFTSHADER, architecture: 'other' }, 'Chrome/156'))).toBeNull();
    expect(readCachedChoice('{not json', key)).toBeNull();
    expect(readCachedChoice(JSON.stringify({ ...JSON.parse(text), backend: 'tpu' }), key)).toBeNull();
    expect(readCachedChoice(null, key)).toBeNull();
  });

  it('describes each outcome in words', () => {
    expect(describeProbe({ backend: 'webgl', status: 'failed', stepMs: [], shareMs: 1, reason: 'no context' })).toBe('webgl did not start (no context)');
    expect(describeProbe(timed('webgpu', [12_345]))).toBe('webgpu 12 s/step');
  });
});
