import { describe, expect, it } from 'vitest';
import type { BackendReport } from '../../worker/protocol';
import { deviceExpectation } from './expectation';

const report = (backend: string, fallback: boolean | null): BackendReport => ({
  backend,
  adapter:
    fallback === null
      ? null
      : { vendor: 'google', architecture: 'swiftshader', device: '', description: '', isFallbackAdapter: fallback, features: [] },
  fallbackReasons: [],
  tfjsVersion: '4',
  crossOriginIsolated: true,
});

describe('deviceExpectation', () => {
  it('says what to expect for each backend state', () => {
    expect(deviceExpectation('starting', null, null).level).toBe('wait');
    const bad = deviceExpectation('failed', null, 'boom');
    expect(bad.level).toBe('bad');
    expect(bad.expect).toContain('boom');
    expect(deviceExpectation('ready', report('webgpu', false), null)).toMatchObject({ level: 'ok', what: 'webgpu on google · swiftshader' });
    const sw = deviceExpectation('ready', report('webgpu', true), null);
    expect(sw).toMatchObject({ level: 'slow', what: 'webgpu on google · swiftshader (a software adapter)' });
    expect(sw.expect).toMatch(/software adapter/);
    expect(deviceExpectation('ready', report('webgl', null), null)).toMatchObject({ level: 'slow', what: 'webgl' });
    expect(deviceExpectation('ready', report('cpu', null), null).expect).toMatch(/CPU/);
  });
});
