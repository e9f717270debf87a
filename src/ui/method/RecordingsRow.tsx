/**
 * Recordings on a method screen in live mode: watch the recording that ships with the playground, open a recording
 * file (.json or .json.gz), and, once this screen has run, replay or export that run. Opening a recording while the
 * screen's own search is running or paused is refused with the reason (the buttons say it too). What the buttons do is
 * in state/ (replayLoad, replayActions, liveRecording, recordingExport).
 */
import { useRef, useState } from 'react';
import type { MethodDescriptor } from '../../methods/descriptor';
import { liveRecordingStore, MAX_LIVE_BYTES, ownRecording } from '../../state/liveRecording';
import { methodRunStore } from '../../state/methodRuns';
import { recordingFile } from '../../state/recordingExport';
import { replayError, replayStore } from '../../state/replay';
import { replayOwnRun } from '../../state/replayActions';
import { openRecordingFile, replayBlockedReason } from '../../state/replayLoad';
import { useStore } from '../../state/store';
import { downloadFiles } from '../common/download';
import { Hint } from '../common/Hint';
import './replay.css';

const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;

function OwnStatus({ m }: { m: MethodDescriptor }) {
  const own = liveRecordingStore(m.id)((s) => s);
  const runId = methodRunStore(m.id)((s) => s.runId);
  if (own.frames === 0) return null;
  const current = own.runId === runId;
  return (
    <p className="small muted" data-testid="own-recording-status">
      {current ? 'This run is recorded' : 'The last run is recorded'}: {own.frames} snapshots ({mb(own.bytes)}).
      {own.fullAt !== null &&
        ` Recording stopped at step ${own.fullAt}: the run is too long to keep every snapshot in this tab (over ${mb(MAX_LIVE_BYTES)}); the recording ends there.`}
    </p>
  );
}

export function RecordingsRow({ method: m }: { method: MethodDescriptor }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const state = methodRunStore(m.id)((s) => s.state);
  const frames = liveRecordingStore(m.id)((s) => s.frames);
  const error = replayStore(m.id)((s) => s.error);
  const loading = replayStore(m.id)((s) => s.loading);
  const [gzip, setGzip] = useState(true);
  const [exporting, setExporting] = useState(false);
  const blocked = replayBlockedReason(m, state);
  const exportOwn = async () => {
    const rec = ownRecording(m.id);
    if (!rec) return;
    setExporting(true);
    try {
      const f = await recordingFile(rec, gzip);
      await downloadFiles([{ name: f.name, data: f.bytes as BlobPart, type: f.type }]);
    } catch (e) {
      replayError(m.id, `The recording could not be exported: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setExporting(false);
    }
  };
  const watch = () => useStore.getState().setSettings({ replay: true });
  return (
    <div className="recordings" data-testid="recordings">
      <div className="button-row" role="group" aria-label="Recorded runs">
        <button type="button" className="button" disabled={blocked !== null || loading} title={blocked ?? 'Play the run recorded for this method through these charts'} onClick={watch}>
          {loading ? 'Loading the recorded run…' : 'Watch the recorded run'}
        </button>
        <button type="button" className="button" disabled={blocked !== null} title={blocked ?? 'Play a recording file (.json or .json.gz) of this method'} onClick={() => fileRef.current?.click()}>
          Open a recording…
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".json,.gz,application/json,application/gzip"
          hidden
          aria-label="Recording file"
          data-testid="recording-file-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void openRecordingFile(m, f);
          }}
        />
        {frames > 0 && (
          <>
            <button type="button" className="button" disabled={blocked !== null} title={blocked ?? 'Play this screen’s last run again, snapshot by snapshot'} onClick={() => replayOwnRun(m)}>
              Replay this run
            </button>
            <button type="button" className="button" disabled={exporting} title="Download this screen’s last run as a recording file" onClick={() => void exportOwn()}>
              {exporting ? 'Exporting…' : 'Export recording'}
            </button>
            <select aria-label="Recording file format" value={gzip ? 'gz' : 'json'} onChange={(e) => setGzip(e.target.value === 'gz')}>
              <option value="gz">.json.gz</option>
              <option value="json">.json</option>
            </select>
          </>
        )}
        <Hint label="recorded runs">
          A recording is the stream of snapshots the charts drew during a run, with the settings and where it ran. Watching one replays it
          through these same charts, so you can scrub back and forth and jump between key moments without training anything. Make one with
          the command line (<code>npm run cli -- search --method {m.id} --record run.json.gz</code>), or run here and export it.
        </Hint>
      </div>
      <OwnStatus m={m} />
      {error && (
        <p className="error-text" role="alert" data-testid="replay-error">
          {error}{' '}
          <button type="button" className="link-button" onClick={() => replayError(m.id, null)}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}
