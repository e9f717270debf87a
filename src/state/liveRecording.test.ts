import { afterEach, describe, expect, it } from 'vitest';
import { parseRecording } from '../core/method/recording';
import type { ResultRecord } from '../core/method/resultRecord';
import type { MethodDescriptor } from '../methods/descriptor';
import { approxBytes, clearOwnRecording, keepLiveSnapshot, liveRecordingStore, MAX_LIVE_BYTES, ownRecording, restoreLiveView, startLiveRecording } from './liveRecording';
import { onMethodSnapshot } from './methodRuns';
import { closeReplayToLive } from './replayActions';
import { EMPTY_RUN, emitMethodSnapshot, methodRunStore } from './methodRuns';
import { recordingFile } from './recordingExport';
import { closeReplay, openReplay } from './replay';
import { recordingFromBytes } from './replayLoad';
import { replayRunState } from './replayRun';
import { replayStore } from './replay';

const m = { id: 'fakelive', tab: 'Fake', events: () => [] } as unknown as MethodDescriptor;
const started = { totalSteps: 10, stepsPerEpoch: 5, totalEpochs: 2, summary: 's', info: {} } as never;

function startRun(runId: string, withStart = true) {
  methodRunStore(m.id).setState({ ...EMPTY_RUN, runId, state: 'running', config: { preset: 'tiny', rho: 0.2 }, started: withStart ? started : null, startedAt: Date.parse('2026-11-30T01:02:03Z') });
}
const at = (done: number) => methodRunStore(m.id).setState({ progress: { done, total: 10, epoch: Math.floor(done / 5), totalEpochs: 2, etaMs: 0, elapsedMs: 0 } });

afterEach(() => {
  closeReplay(m.id);
  clearOwnRecording(m.id);
  methodRunStore(m.id).setState({ ...EMPTY_RUN });
});

describe('liveRecording', () => {
  it('keeps every snapshot of the screen’s run with its step, epoch and settings', () => {
    const off = startLiveRecording([m]);
    startRun('r1', false);
    at(1);
    emitMethodSnapshot(m.id, { v: new Float32Array([1]) }); // before the RunStart arrived: waits
    expect(liveRecordingStore(m.id).getState().frames).toBe(0);
    methodRunStore(m.id).setState({ started });
    at(6);
    emitMethodSnapshot(m.id, { v: new Float32Array([2]) });
    emitMethodSnapshot(m.id, null); // a clear is not a frame
    const rec = ownRecording(m.id)!;
    expect(rec.frames.map((f) => [f.step, f.epoch])).toEqual([
      [1, 0],
      [6, 1],
    ]);
    expect(rec).toMatchObject({ method: 'fakelive', preset: 'tiny', config: { rho: 0.2 }, started, record: null, made: { by: 'app', date: '2026-11-30T01:02:03.000Z' } });
    off();
  });

  it('adds the result when the run finished; a new run starts a new recording; nothing while a replay plays', () => {
    startRun('r1');
    at(10);
    keepLiveSnapshot(m.id, { a: 1 });
    const record = { method: 'fakelive' } as unknown as ResultRecord;
    methodRunStore(m.id).setState({ state: 'done', record });
    expect(ownRecording(m.id)!.record).toBe(record);
    openReplay(m, ownRecording(m.id)!, { kind: 'own', name: 'x' });
    keepLiveSnapshot(m.id, { a: 2 });
    expect(liveRecordingStore(m.id).getState().frames).toBe(1);
    closeReplay(m.id);
    startRun('r2');
    at(1);
    keepLiveSnapshot(m.id, { b: 1 });
    expect(liveRecordingStore(m.id).getState()).toMatchObject({ runId: 'r2', frames: 1 });
    expect(ownRecording(m.id)!.frames[0].snap).toEqual({ b: 1 });
    // After Reset (no run id) snapshots are not kept, and the recording stays.
    methodRunStore(m.id).setState({ runId: null, state: 'idle' });
    keepLiveSnapshot(m.id, { b: 2 });
    expect(ownRecording(m.id)!.frames).toHaveLength(1);
  });

  it('stops keeping frames past its memory budget and says at which step', () => {
    startRun('big');
    const chunk = new Float64Array(1 << 20); // 8 MiB
    let step = 0;
    while (liveRecordingStore(m.id).getState().fullAt === null) {
      at(++step);
      keepLiveSnapshot(m.id, { chunk });
      expect(step).toBeLessThan(100);
    }
    const st = liveRecordingStore(m.id).getState();
    expect(st.bytes).toBeLessThanOrEqual(MAX_LIVE_BYTES);
    expect(st.frames).toBe(Math.floor(MAX_LIVE_BYTES / approxBytes({ chunk })));
    expect(st.fullAt).toBe(st.frames + 1);
    keepLiveSnapshot(m.id, { chunk });
    expect(liveRecordingStore(m.id).getState().frames).toBe(st.frames);
    methodRunStore(m.id).setState({ state: 'done', record: {} as ResultRecord });
    expect(ownRecording(m.id)!.record).toBeNull(); // it ends before the run did
  });

  it('exports as .json.gz and .json, and both read back to the same recording', async () => {
    startRun('r1');
    at(3);
    keepLiveSnapshot(m.id, { v: new Int32Array([7, -7]), n: Number.NaN });
    const rec = ownRecording(m.id)!;
    const gz = await recordingFile(rec, true);
    const json = await recordingFile(rec, false);
    expect(gz.name).toBe('fakelive-2026-11-30T01-02.json.gz');
    expect([gz.bytes[0], gz.bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(json.name).toBe('fakelive-2026-11-30T01-02.json');
    expect(parseRecording(new TextDecoder().decode(json.bytes), json.name, 'fakelive')).toEqual(rec);
    expect(await recordingFromBytes(gz.name, gz.bytes, 'fakelive')).toEqual(rec);
  });

  it('a replay reads as a run: progress of the frame shown, the result only at the last frame', () => {
    startRun('r1');
    for (const d of [2, 5, 10]) {
      at(d);
      keepLiveSnapshot(m.id, { d }, d * 1000);
    }
    methodRunStore(m.id).setState({ state: 'done', record: { method: 'fakelive' } as unknown as ResultRecord });
    openReplay(m, ownRecording(m.id)!, { kind: 'own', name: 'x' });
    const first = replayRunState(replayStore(m.id).getState());
    expect(first).toMatchObject({ state: 'paused', started, record: null, progress: { done: 2, total: 10, epoch: 0, totalEpochs: 2, elapsedMs: 0 } });
    replayStore(m.id).setState({ frame: 2 });
    expect(replayRunState(replayStore(m.id).getState())).toMatchObject({ state: 'done', record: { method: 'fakelive' }, progress: { done: 10, elapsedMs: 8000 } });
  });

  it('closing a replay draws the screen’s own run again (not after Reset, not when its recording stopped early)', () => {
    const offRec = startLiveRecording([m]);
    const seen: unknown[] = [];
    const offView = onMethodSnapshot(m.id, (s) => (s === null ? (seen.length = 0) : seen.push(s)));
    startRun('r1');
    for (const d of [1, 2, 3]) {
      at(d);
      emitMethodSnapshot(m.id, { d });
    }
    methodRunStore(m.id).setState({ state: 'done' });
    openReplay(m, ownRecording(m.id)!, { kind: 'own', name: 'x' });
    expect(seen).toEqual([{ d: 1 }]);
    closeReplayToLive(m);
    expect(seen).toEqual([{ d: 1 }, { d: 2 }, { d: 3 }]);
    expect(liveRecordingStore(m.id).getState().frames).toBe(3); // redrawing is not recording
    methodRunStore(m.id).setState({ runId: null, state: 'idle' });
    expect(restoreLiveView(m.id)).toBe(false);
    offView();
    offRec();
  });
});
