import { describe, expect, it } from 'vitest';
import type { Field } from '../../core/settings/fields';
import { groupToUrl, parseGroup, presetConfig, validateConfig } from '../../core/settings/group';
import { AUTOSPACE_PRESETS } from './config';
import { FIELD_HINTS } from './hints';
import { autospaceMethod } from './index';
import { runPlan } from './plan';
import { crossCheck } from './settings';

const g = autospaceMethod.settings;
const fields = g.fields as readonly Field[];

describe('AutoSpace-style settings', () => {
  it('declares every field once: URL keys prefixed as, kebab-case CLI flags, a plain-words hint each', () => {
    for (const f of fields) {
      expect(f.url).toMatch(/^as[a-z]+$/);
      expect(f.cli).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(f.hint).toBe(FIELD_HINTS[f.key as keyof typeof FIELD_HINTS]);
      expect(f.hint.length).toBeGreaterThan(30);
    }
    expect(new Set(fields.map((f) => f.url)).size).toBe(fields.length);
    expect(new Set(fields.map((f) => f.cli)).size).toBe(fields.length);
    expect(Object.keys(FIELD_HINTS).sort()).toEqual(fields.map((f) => f.key).sort());
    expect(FIELD_HINTS.population).toMatch(/AutoSpace-style/);
    expect(autospaceMethod.differences).toMatch(/^AutoSpace-style: .*no search code/);
  });

  it('every preset passes its ranges and cross-checks; tiny is the default; the default preset has 12–16 cells and K 3', () => {
    for (const name of Object.keys(AUTOSPACE_PRESETS)) {
      const c = validateConfig(g, presetConfig(g, name));
      expect(c).toMatchObject({ preset: name });
      expect(crossCheck(c)).toEqual([]);
    }
    expect(Object.keys(g.presets)[0]).toBe('tiny');
    expect(AUTOSPACE_PRESETS.tiny).toMatchObject({ population: 6, k: 2, width: 0.5, tiny: true, trainLimit: 640 });
    expect(AUTOSPACE_PRESETS.default.population).toBeGreaterThanOrEqual(12);
    expect(AUTOSPACE_PRESETS.default.population).toBeLessThanOrEqual(16);
    expect(AUTOSPACE_PRESETS.default.k).toBe(3);
    // The first look: tiny's evolution rounds (the key moment), then a short end without the payoff's two searches.
    expect(AUTOSPACE_PRESETS['first-look']).toEqual({ ...AUTOSPACE_PRESETS.tiny, preset: 'first-look', payoff: false, finalEpochs: 3 });
    expect(runPlan(AUTOSPACE_PRESETS['first-look'], 640).payoffUnits).toBe(0);
  });

  it('URL round trip; cross-field problems in plain words; the plan counts units', () => {
    const c = { ...presetConfig(g, 'default'), k: 2, mu: 0.5, payoff: false };
    const url = new Map(groupToUrl(g, c));
    expect(parseGroup(g, url, false, [])).toMatchObject({ k: 2, mu: 0.5, payoff: false });
    expect(crossCheck({ ...c, k: 14 }).join()).toMatch(/K \(14\) must be smaller than the population/);
    expect(crossCheck({ ...c, trainLimit: 10 }).join()).toMatch(/smaller than one batch/);
    const p = runPlan(AUTOSPACE_PRESETS.tiny, 640);
    expect(p).toMatchObject({ stepsPerEpoch: 20, evolveSteps: 30, finalSteps: 40 });
    expect(p.totalSteps).toBe(30 + p.payoffUnits + 40);
    expect(() => runPlan(AUTOSPACE_PRESETS.tiny, 10)).toThrow(/batch size/);
  });
});
