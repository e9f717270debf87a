import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_VERSION } from '../core/appVersion';
import { appVersion } from './appVersion';

describe('the app version on run cards', () => {
  it('is defined by the build (vite.config.ts) as the package version and commit', () => {
    expect(APP_VERSION).toMatch(/^\d+\.\d+\.\d+(\+[0-9a-f]{7,}(\+dirty)?)?$/);
  });

  it('is the package version alone outside a git checkout, and "unknown" without a package.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'appversion-'));
    expect(appVersion(dir)).toBe('unknown');
    writeFileSync(join(dir, 'package.json'), '{"version": "9.9.9"}');
    expect(appVersion(dir)).toBe('9.9.9');
  });
});
