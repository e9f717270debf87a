import { describe, expect, it } from 'vitest';
import { defaultRecordEvery, RecordingBuilder } from './recorder';
import { decodeValue, encodeValue, parseRecording, RECORDING_FORMAT, RECORDING_VERSION, recordingText, type Recording } from './recording';

const started = { spec: { input: [28, 28, 1] }, macs: 10, params: 5, totalSteps: 4, stepsPerEpoch: 2, totalEpochs: 2, info: { a: 1 }, summary: 's' };
const made = { machine: 'test box', backend: 'cpu', adapter: null, tfjsVersion: '4.22.0', date: '2026-11-30T00:00:00.000Z', command: 'x', by: 'cli' as const };

function sample(): Recording {
  const b = new RecordingBuilder({ method: 'atomnas', preset: 'tiny', config: { seed: 1 }, started: started as never, made }, 1000);
  b.add(1, 0, { loss: new Float32Array([0.1, Math.PI]), idx: new Uint8Array([1, 2, 3]), steps: new Float64Array([1e300, -0]), nan: NaN, inf: -Infinity, list: [{ k: 1 }] }, 1500);
  b.add(2, 1, { loss: new Float32Array(0), idx: new Int32Array([-7]), steps: new Float64Array([2]), nan: 1, inf: 2, list: [] }, 2500);
  return b.build(null);
}

describe('recording', () => {
  it('round-trips typed arrays, non-finite numbers and nesting exactly', () => {
    const r = sample();
    const back = parseRecording(recordingText(r), 'r.json', 'atomnas');
    expect(back.frames).toHaveLength(2);
    expect(back.frames[0].ms).toBe(500);
    const s0 = back.frames[0].snap as Record<string, unknown>;
    expect(s0.loss).toBeInstanceOf(Float32Array);
    expect(Array.from(s0.loss as Float32Array)).toEqual(Array.from(new Float32Array([0.1, Math.PI])));
    expect(s0.idx).toBeInstanceOf(Uint8Array);
    expect(Object.is((s0.steps as Float64Array)[1], -0)).toBe(true);
    expect(s0.nan).toBeNaN();
    expect(s0.inf).toBe(-Infinity);
    expect(back.frames[1].snap).toEqual(r.frames[1].snap);
    expect(back.started).toEqual(r.started);
    expect(back.record).toBeNull();
  });

  it('encodes subarray views by their own bytes only', () => {
    const whole = new Float32Array([1, 2, 3, 4]);
    const v = decodeValue(encodeValue(whole.subarray(1, 3)), 'x') as Float32Array;
    expect(Array.from(v)).toEqual([2, 3]);
  });

  it('refuses what is not a usable recording, naming the file and the problem', () => {
    const good = JSON.parse(recordingText(sample())) as Record<string, unknown>;
    const bad = (patch: (j: Record<string, unknown>) => void) => {
      const j: Record<string, unknown> = structuredClone(good);
      patch(j);
      return () => parseRecording(JSON.stringify(j), 'my.json');
    };
    expect(() => parseRecording('{', 'my.json')).toThrow(/my\.json is not a recording: it is not JSON/);
    expect(bad((j) => (j.format = 'nas-playground.space'))).toThrow(/my\.json .*not a playground recording/);
    expect(bad((j) => (j.version = RECORDING_VERSION + 1))).toThrow(/my\.json is a recording of version 2, newer/);
    expect(bad((j) => (j.frames = []))).toThrow(/my\.json .*frames.*has no frames/);
    expect(bad((j) => ((j.frames as { step: number }[])[1].step = 0))).toThrow(/my\.json: frames\[1\] goes back in time/);
    expect(bad((j) => ((j.frames as { snap: unknown }[])[0].snap = { loss: { $typed: 'Float32Array', b64: 'AAA' } }))).toThrow(/frames\[0\]\.snap\.loss/);
    expect(bad((j) => ((j.frames as { snap: unknown }[])[0].snap = { x: { $typed: 'BigInt64Array', b64: '' } }))).toThrow(/not a valid typed array/);
    expect(() => parseRecording(recordingText(sample()), 'my.json', 'padnas')).toThrow(/my\.json is a recording of "atomnas", not of "padnas"/);
    expect((JSON.parse(recordingText(sample())) as { format: string }).format).toBe(RECORDING_FORMAT);
  });

  it('aims at about 150 frames per run', () => {
    expect(defaultRecordEvery(80)).toBe(1);
    expect(defaultRecordEvery(625)).toBe(4);
    expect(defaultRecordEvery(30000)).toBe(200);
  });
});
