import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rngStream } from '../../../core/rng';
import { liveTensors, syntheticData, useCpuBackend } from '../../../engine/testing';
import { Trainer } from '../../../engine/trainer';
import { REFERENCE_NAME } from '../population';
import { alphaName, cellPrefix, CellSupernet } from './cellSupernet';

const R = REFERENCE_NAME;
const A = 'c3-zzpzzz';
const C = 'c3-zz7zzz';
const sk = { input: { height: 8, width: 8, channels: 1 }, numClasses: 4, width: 0.25, tiny: true };
const values = (t: tf.Tensor) => Array.from(t.dataSync());

describe('AutoSpace-style supernet', () => {
  beforeAll(useCpuBackend);

  it('optimizer state follows each cell by name when the picks are resampled and positions swap', async () => {
    const before = liveTensors();
    const pops = Array.from({ length: 7 }, (_, j) => (j === 0 ? [R, A, C] : [R]));
    const net = new CellSupernet(sk, pops, rngStream(1, 'init'));
    const p = net.net.params;
    // Weight inheritance: C's expand / project start as the reference's (same expansion, same shapes).
    expect(values(p.get(`${cellPrefix(0, C)}.expand.w`))).toEqual(values(p.get(`${cellPrefix(0, R)}.expand.w`)));
    net.picks = pops.map((x) => [x[0]]);
    net.picks[0] = [A, R];
    const cfg = { epochs: 1, batchSize: 16, lr: 0.01, optimizer: 'adam' as const, schedule: 'constant' as const, weightDecay: 0, labelSmoothing: 0, seed: 1 };
    const trainer = new Trainer(net.net, syntheticData(160, 4, 8), cfg, { forward: net.forward, trainableNames: () => net.trainableNames() });
    const opt = trainer.optimizer;
    try {
      await trainer.trainStep();
      const aW = `${cellPrefix(0, A)}.expand.w`;
      const cW = `${cellPrefix(0, C)}.expand.w`;
      const rW = `${cellPrefix(0, R)}.expand.w`;
      expect(opt.stateNames()).toEqual(expect.arrayContaining([aW, alphaName(0, A), alphaName(0, R)]));
      expect(opt.getState(cW)).toBeUndefined();
      const aM = values(opt.getState(aW)!.m);
      const aV = values(opt.getState(aW)!.v);
      const aAlphaM = values(opt.getState(alphaName(0, A))!.m);
      const aWeights = values(p.get(aW));
      expect(aAlphaM[0]).not.toBe(0); // α gets a gradient through the mix

      // Resample: C takes A's position (same shapes), the reference moves on. Built-in tfjs optimizers would now hand
      // A's moments to C; the keyed optimizer must leave A's untouched and start C's from zero.
      net.picks[0] = [C, R];
      await trainer.trainStep();
      expect(values(opt.getState(aW)!.m)).toEqual(aM);
      expect(values(opt.getState(aW)!.v)).toEqual(aV);
      expect(values(opt.getState(alphaName(0, A))!.m)).toEqual(aAlphaM);
      expect(values(p.get(aW))).toEqual(aWeights);
      expect(opt.stepCount(aW)).toBe(1);
      expect(opt.stepCount(cW)).toBe(1);
      expect(opt.stepCount(rW)).toBe(2);
      // A first Adam step from zero state: m = (1−β1)·g, v = (1−β2)·g², so v = m²·(1−β2)/(1−β1)² exactly.
      const cM = values(opt.getState(cW)!.m);
      const cV = values(opt.getState(cW)!.v);
      const ratio = (1 - 0.999) / (1 - 0.9) ** 2;
      cV.forEach((v, i) => expect(v).toBeCloseTo(cM[i] * cM[i] * ratio, 9));
      expect(cM.some((m) => m !== 0)).toBe(true);

      // Dropping a cell frees its variables, its α and their optimizer state.
      net.removeCell(0, A, opt);
      expect(p.has(aW) || p.has(alphaName(0, A))).toBe(false);
      expect(opt.getState(aW)).toBeUndefined();
      expect(opt.getState(alphaName(0, A))).toBeUndefined();
      expect(net.cellsAt(0)).toEqual([R, C]);
    } finally {
      trainer.dispose();
      net.dispose();
    }
    expect(liveTensors()).toBe(before);
  });
});
