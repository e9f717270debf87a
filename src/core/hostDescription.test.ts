import { describe, expect, it } from 'vitest';
import { browserBrands, describeNode, describeUserAgent } from './hostDescription';

describe('describeUserAgent', () => {
  it.each([
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/150.0.0.0 Safari/537.36', 'Chrome 150 (headless) on Linux'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'Edge 131 on Windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', 'Safari 17 on macOS'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Safari 17 on iOS'],
    ['Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox 133 on Linux'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', 'Chrome 131 on Android'],
  ])('%s → %s', (ua, want) => {
    expect(describeUserAgent(ua)).toBe(want);
  });

  it('keeps an unknown string, cut short, and names an empty one', () => {
    expect(describeUserAgent('curl/8.0')).toBe('curl/8.0');
    expect(describeUserAgent('x'.repeat(200))).toHaveLength(80);
    expect(describeUserAgent('')).toBe('unknown browser');
  });
});

describe('describeNode', () => {
  it('names the version, platform, architecture and CPUs', () => {
    expect(describeNode({ version: 'v20.19.2', platform: 'linux', arch: 'x64', cpuModel: 'AMD EPYC  7B13 ', cpus: 2 })).toBe('Node v20.19.2 on linux x64, AMD EPYC 7B13 × 2');
    expect(describeNode({ version: 'v22.1.0', platform: 'darwin', arch: 'arm64', cpus: 8 })).toBe('Node v22.1.0 on darwin arm64 × 8');
  });
});

describe('browserBrands', () => {
  it('lists userAgentData brands without the GREASE entry', () => {
    const brands = [
      { brand: 'Chromium', version: '156' },
      { brand: 'Not=A?Brand', version: '24' },
      { brand: 'Google Chrome', version: '156' },
    ];
    expect(browserBrands({ userAgent: 'Mozilla/5.0', userAgentData: { brands } })).toBe('Chromium 156, Google Chrome 156');
  });

  it('falls back to the user-agent string, then to "unknown"', () => {
    expect(browserBrands({ userAgent: 'Mozilla/5.0 Firefox/133.0', userAgentData: { brands: [] } })).toBe('Mozilla/5.0 Firefox/133.0');
    expect(browserBrands({ userAgent: 'Mozilla/5.0 Firefox/133.0' })).toBe('Mozilla/5.0 Firefox/133.0');
    expect(browserBrands({})).toBe('unknown');
  });
});
