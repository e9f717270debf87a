import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordingBuilder } from '../core/method/recorder';
import { RECORDING_VERSION, recordingText } from '../core/method/recording';
import type { MethodDescriptor } from '../methods/descriptor';
import { EMPTY_RUN, methodRunStore } from './methodRuns';
import { closeReplay, replayError, replayStore } from './replay';
import { openRecordingBytes, openShippedRecording, recordingFromBytes, shippedRecordingPath } from './replayLoad';

const m = { id: 'fakeload', tab: 'Fake', events: () => [] } as unknown as MethodDescriptor;

function recText(method = 'fakeload', frames = 3): string {
  const b = new RecordingBuilder({ method, preset: null, config: { rho: 0.1 }, started: { totalSteps: frames, stepsPerEpoch: frames, totalEpochs: 1, summary: 's', info: {} } as never, made: { machine: 'm', backend: 'cpu', adapter: null, tfjsVersion: '4.22.0', date: '2026-11-30T00:00:00.000Z', command: 'cmd', by: 'cli' } }, 0);
  for (let i = 0; i < frames; i++) b.add(i + 1, 0, { x: new Float32Array([i, 0.1]) }, 10 * i);
  return recordingText(b.build(null));
}

const bytes = (s: string) => new TextEncoder().encode(s);
const fetchOf = (status: number) => (() => Promise.resolve(new Response(null, { status, statusText: status === 404 ? 'Not Found' : 'Oops' }))) as unknown as typeof fetch;

afterEach(() => {
  closeReplay(m.id);
  replayError(m.id, null);
  methodRunStore(m.id).setState({ ...EMPTY_RUN });
});

describe('replayLoad', () => {
  it('reads gzip and plain JSON alike (the gzip magic decides, not the name)', async () => {
    const text = recText();
    const gz = await recordingFromBytes('r.json.gz', gzipSync(Buffer.from(text)), m.id);
    // A host that sent the .gz with Content-Encoding: gzip hands over plain JSON under the .gz name.
    const plain = await recordingFromBytes('recordings/fakeload.json.gz', bytes(text), m.id);
    expect(gz.frames[2].snap).toEqual({ x: new Float32Array([2, 0.1]) });
    expect(plain).toEqual(gz);
  });

  it('says what is wrong: broken gzip, not JSON, newer version, another method', async () => {
    const gz = gzipSync(Buffer.from(recText()));
    await expect(recordingFromBytes('r.json.gz', gz.subarray(0, gz.length >> 1), m.id)).rejects.toThrow(/r\.json\.gz: is corrupt or truncated gzip data/);
    await expect(recordingFromBytes('r.json.gz', bytes('<!doctype html>'), m.id)).rejects.toThrow('r.json.gz is not a recording: it is not JSON');
    await expect(recordingFromBytes('r.json', bytes('<html>'), m.id)).rejects.toThrow('r.json is not a recording: it is not JSON');
    await expect(recordingFromBytes('r.json', new Uint8Array([0xff, 0xfe, 0x00]), m.id)).rejects.toThrow('neither gzip nor UTF-8');
    const newer = recText().replace(`"version":${RECORDING_VERSION}`, `"version":${RECORDING_VERSION + 1}`);
    await expect(recordingFromBytes('r.json', bytes(newer), m.id)).rejects.toThrow(/version 2, newer than this playground reads/);
    await expect(recordingFromBytes('r.json', bytes(recText('padnas')), m.id)).rejects.toThrow('r.json is a recording of "padnas", not of "fakeload"');
  });

  it('a failure keeps the replay on screen and says why', async () => {
    expect(await openRecordingBytes(m, bytes(recText()), { kind: 'file', name: 'good.json' })).toBe(true);
    expect(await openRecordingBytes(m, bytes('nope'), { kind: 'file', name: 'bad.json' })).toBe(false);
    const st = replayStore(m.id).getState();
    expect(st.source?.name).toBe('good.json');
    expect(st.frame).toBe(0);
    expect(st.error).toBe('bad.json is not a recording: it is not JSON');
  });

  it('fetches the shipped recording relative to the page, and names a missing one', async () => {
    let asked = '';
    const ok = ((url: string) => {
      asked = url;
      return Promise.resolve(new Response(gzipSync(Buffer.from(recText())), { status: 200 }));
    }) as unknown as typeof fetch;
    expect(await openShippedRecording(m, 'https://host/app/index.html', ok)).toBe(true);
    expect(asked).toBe(`https://host/app/${shippedRecordingPath(m.id)}`);
    expect(replayStore(m.id).getState()).toMatchObject({ source: { kind: 'shipped' }, loading: false, error: null });
    closeReplay(m.id);
    expect(await openShippedRecording(m, 'https://host/', fetchOf(404))).toBe(false);
    expect(replayStore(m.id).getState().error).toBe('No recorded Fake run ships with this build (recordings/fakeload.json.gz is missing).');
    expect(await openShippedRecording(m, 'https://host/', fetchOf(500))).toBe(false);
    expect(replayStore(m.id).getState().error).toMatch(/answered 500 Oops/);
    const offline = (() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch;
    expect(await openShippedRecording(m, 'https://host/', offline)).toBe(false);
    expect(replayStore(m.id).getState().error).toMatch(/could not be downloaded \(Failed to fetch\)/);
    expect(replayStore(m.id).getState().recording).toBeNull();
  });

  it('refuses while the method’s own run is running or paused, and says how to go on', async () => {
    for (const state of ['running', 'paused'] as const) {
      methodRunStore(m.id).setState({ state });
      expect(await openRecordingBytes(m, bytes(recText()), { kind: 'file', name: 'r.json' })).toBe(false);
      expect(replayStore(m.id).getState().error).toMatch(new RegExp(`Your Fake search is ${state}: .*Reset it`));
      expect(replayStore(m.id).getState().recording).toBeNull();
    }
    methodRunStore(m.id).setState({ state: 'done' });
    expect(await openRecordingBytes(m, bytes(recText()), { kind: 'file', name: 'r.json' })).toBe(true);
  });
});
