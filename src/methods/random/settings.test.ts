import { describe, expect, it } from 'vitest';
import { describeField, type Field } from '../../core/settings/fields';
import { groupToUrl, parseGroup, presetConfig, validateConfig } from '../../core/settings/group';
import { runBudget } from './budget';
import { RANDOM_PRESETS } from './config';
import { randomMethod } from './index';
import { crossCheck } from './settings';

const g = randomMethod.settings;
const fields = g.fields as readonly Field[];

describe('random search settings', () => {
  it('declares every field once, URL keys prefixed r, kebab-case CLI flags, a plain-words hint each', () => {
    for (const f of fields) {
      expect(f.url).toMatch(/^r[a-z]+$/);
      expect(f.cli).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(f.hint.length).toBeGreaterThan(20);
    }
    expect(new Set(fields.map((f) => f.url)).size).toBe(fields.length);
    expect(new Set(fields.map((f) => f.cli)).size).toBe(fields.length);
    expect(g.presetUrl).toBe('rpreset');
    expect(fields.map((f) => f.cli)).toEqual(expect.arrayContaining(['samples', 'steps', 'final-epochs', 'objective', 'window-lo', 'window-hi', 'ops', 'train-limit', 'lr', 'batch', 'seed']));
    expect(describeField(fields.find((f) => f.key === 'samples')!)).toBe('an integer in [1, 200]');
  });

  it('every preset passes its own ranges and cross-checks; tiny is the default', () => {
    for (const name of Object.keys(RANDOM_PRESETS)) expect(validateConfig(g, presetConfig(g, name))).toMatchObject({ preset: name });
    expect(Object.keys(g.presets)[0]).toBe('tiny');
  });

  it('cross-checks the window and the training subset in plain words', () => {
    const c = presetConfig(g);
    expect(crossCheck({ ...c, windowLo: 0.7, windowHi: 0.7 })).toEqual([expect.stringMatching(/lower edge \(0.7\) must be below its upper edge/)]);
    expect(crossCheck({ ...c, trainLimit: 10, batchSize: 32 })).toEqual([expect.stringMatching(/smaller than one batch/)]);
    expect(() => validateConfig(g, { ...c, windowLo: 0.9, windowHi: 0.2 })).toThrow(/Random search: the window's lower edge/);
    expect(() => validateConfig(g, { ...c, samples: 0 })).toThrow(/samples: must be at least 1/);
  });

  it('reads and writes its URL keys (only what differs from the preset)', () => {
    const notices: string[] = [];
    const c = parseGroup(g, new Map([['rpreset', 'default'], ['rn', '12'], ['robj', 'latency'], ['rwlo', '0.8'], ['rwhi', '0.3']]), false, notices);
    expect(c).toMatchObject({ preset: 'default', samples: 12, objective: 'latency', width: 1 });
    expect(notices).toEqual([expect.stringMatching(/^Random search: the window's lower edge/)]);
    expect(groupToUrl(g, { ...presetConfig(g), steps: 40 })).toEqual([['rsteps', '40']]);
  });

  it('needs a device profile only for a latency window', () => {
    expect(randomMethod.profile({ ...presetConfig(g), objective: 'latency' })).toBe('required');
    expect(randomMethod.profile(presetConfig(g))).toBe('optional');
  });

  it('plans candidate steps plus the final retraining', () => {
    expect(runBudget(RANDOM_PRESETS.tiny, 8, 1000)).toEqual({ stepsPerEpoch: 31, sampleSteps: 200, finalSteps: 62, totalSteps: 262, totalEpochs: 9 });
    expect(() => runBudget({ ...RANDOM_PRESETS.tiny, batchSize: 64 }, 8, 40)).toThrow(/larger than the 40 training images/);
  });
});
