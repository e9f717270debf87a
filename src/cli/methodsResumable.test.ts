import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticData, useCpuBackend } from '../engine/testing';
import { loadHostedMethod } from '../methods/hosted';
import { METHODS } from '../methods/registry';

/** A descriptor's `resumable` promises MethodRun.checkpoint/restore: the app and the CLI offer resume on its word. */
describe('descriptor.resumable agrees with the run', () => {
  beforeAll(useCpuBackend);
  for (const m of METHODS) {
    it(`${m.id}: ${m.resumable ? 'checkpoints and restores' : 'has no checkpoint support (reported as "cannot resume yet")'}`, async () => {
      const hosted = await loadHostedMethod(m.id);
      const config = { ...hosted.preset('tiny'), trainLimit: 0 };
      const run = hosted.createRun({ data: syntheticData(120, 4, 8, 1), profile: null, loadMethod: loadHostedMethod }, config);
      try {
        expect(typeof run.checkpoint === 'function' && typeof run.restore === 'function').toBe(m.resumable === true);
      } finally {
        run.dispose();
      }
    }, 60_000);
  }
});
