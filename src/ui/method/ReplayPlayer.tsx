/**
 * A method screen in replay mode: the banner (where and how the recording was made, "Run it live with these
 * settings", "Close") and the player bar (play/pause, speed, a timeline over the frames with the run's key moments as
 * ticks, previous/next event buttons that name the event, and the replay's progress in place of a live run's). The
 * key moment of the frame shown is announced through aria-live. Everything it does is in state/replay*.
 */
import { useId } from 'react';
import type { Recording } from '../../core/method/recording';
import type { MethodDescriptor } from '../../methods/descriptor';
import { FRAMES_PER_SECOND, pauseReplay, playReplay, replayStore, seekFrame, seekNextEvent, seekPreviousEvent, setReplaySpeed, SPEEDS, type ReplayEvent } from '../../state/replay';
import { closeReplayToLive, runLiveWithRecordingSettings } from '../../state/replayActions';
import { duration } from '../common/format';
import { Hint } from '../common/Hint';
import './replay.css';

const short = (s: string, n = 70) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function madeLine(rec: Recording): string {
  const d = new Date(rec.made.date);
  const date = Number.isNaN(d.getTime()) ? rec.made.date : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return `Recorded on ${rec.made.machine}, ${rec.made.backend}${rec.made.adapter ? ` (${rec.made.adapter})` : ''}, ${date}`;
}

/** Where the frame shown stands (step, epoch, recorded wall time): the scrubber's value text and the progress line. */
export function frameLine(rec: Recording, frame: number): string {
  const f = rec.frames[Math.max(0, Math.min(rec.frames.length - 1, frame))];
  const total = rec.started.totalSteps;
  const epochs = rec.started.totalEpochs;
  const wall = rec.frames[rec.frames.length - 1].ms;
  return (
    `step ${f.step}${total > 0 ? ` / ${total}` : ''}` +
    (epochs > 0 ? ` · epoch ${Math.min(f.epoch, epochs)} / ${epochs}` : '') +
    ` · ${duration(f.ms)} of ${duration(wall)} recorded`
  );
}

/** The announcement for frame `frame`: its key moments, or the end of the recording. */
export function frameAnnouncement(rec: Recording, events: readonly ReplayEvent[], frame: number): string {
  const here = events.filter((e) => e.frame === frame);
  const parts = here.length ? [`Step ${here[0].step}: ${here.map((e) => e.text).join('; ')}.`] : [];
  if (frame === rec.frames.length - 1) parts.push(rec.record ? 'End of the recording: the result is shown below.' : 'End of the recording (it stops before the run finished).');
  return parts.join(' ');
}

function Banner({ m, rec }: { m: MethodDescriptor; rec: Recording }) {
  const source = replayStore(m.id)((s) => s.source);
  return (
    <div className="replay-banner" data-testid="replay-banner">
      <p>
        <strong>{madeLine(rec)}</strong> — <code className="replay-command">{rec.made.command}</code>
      </p>
      <p className="small muted">
        {source?.kind === 'own' ? `Replaying ${source.name}.` : source?.kind === 'file' ? `From the file ${source.name}.` : 'The recording that ships with the playground.'}{' '}
        {rec.frames.length} snapshots{rec.preset ? `, preset ${rec.preset}` : ''}, recorded by {rec.made.by === 'cli' ? 'the command line' : 'the app'} with tfjs {rec.made.tfjsVersion}.
      </p>
      <div className="button-row">
        <button type="button" className="button primary" onClick={() => runLiveWithRecordingSettings(m)} title="Close the replay and put the recording's settings into the settings form, ready for Start">
          Run it live with these settings
        </button>
        <button type="button" className="button" onClick={() => closeReplayToLive(m)} title="Close the replay and go back to this screen's own run">
          Close
        </button>
      </div>
    </div>
  );
}

export function ReplayPlayer({ method: m }: { method: MethodDescriptor }) {
  const store = replayStore(m.id);
  const rec = store((s) => s.recording);
  const frame = store((s) => s.frame);
  const playing = store((s) => s.playing);
  const speed = store((s) => s.speed);
  const events = store((s) => s.events);
  const error = store((s) => s.error);
  const id = useId();
  if (!rec) return null;
  const last = rec.frames.length - 1;
  const next = events.find((e) => e.frame > frame) ?? null;
  const prev = [...events].reverse().find((e) => e.frame < frame) ?? null;
  const line = frameLine(rec, frame);
  return (
    <div className="replay" data-testid="replay">
      <Banner m={m} rec={rec} />
      <div className="replay-bar" role="group" aria-label="Recorded run player">
        <div className="button-row">
          <button
            type="button"
            className="button primary replay-play"
            aria-keyshortcuts="Space"
            onClick={() => (playing ? pauseReplay(m.id) : playReplay(m.id))}
            title={playing ? 'Pause the replay (Space)' : frame >= last ? 'Play the recording again from the start (Space)' : 'Play the recording from here (Space)'}
          >
            {playing ? 'Pause' : frame >= last ? 'Play again' : 'Play'}
          </button>
          <label htmlFor={`${id}-speed`} className="small">
            Speed
          </label>
          <select id={`${id}-speed`} value={speed} onChange={(e) => setReplaySpeed(m.id, Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
          <Hint label="replay speed">
            1× shows {FRAMES_PER_SECOND} recorded snapshots a second, whatever the run’s own pace was; 0.25× is four times slower, 8× eight
            times faster. The wall time the run really took is shown under the timeline.
          </Hint>
        </div>
        <div className="button-row replay-events">
          <button
            type="button"
            className="button"
            disabled={frame <= 0}
            onClick={() => seekPreviousEvent(m.id)}
            title={prev ? `Go back to step ${prev.step}: ${prev.text}` : 'Go back to the first snapshot'}
            data-testid="replay-prev-event"
          >
            ◀ {prev ? `Previous event: ${short(prev.text, 48)}` : 'First snapshot'}
          </button>
          <button
            type="button"
            className="button"
            disabled={!next}
            aria-keyshortcuts="N"
            onClick={() => seekNextEvent(m.id)}
            title={next ? `Jump to step ${next.step}: ${next.text} (n)` : 'No key moment after this snapshot'}
            data-testid="replay-next-event"
          >
            {next ? `Next event: ${short(next.text, 48)}` : 'No more events'} ▶
          </button>
          <Hint label="events">
            The run’s key moments ({events.length} in this recording), as the method names them: shrink events, pruning rounds, scored or
            accepted candidates. They are the ticks on the timeline. “Next event” pauses and shows the snapshot that brought the next one.
          </Hint>
        </div>
        <div className="replay-timeline">
          <label htmlFor={`${id}-scrub`} className="visually-hidden">
            Timeline
          </label>
          <input
            id={`${id}-scrub`}
            type="range"
            min={0}
            max={last}
            step={1}
            value={Math.max(0, frame)}
            aria-valuetext={`snapshot ${frame + 1} of ${last + 1}, ${line}`}
            onChange={(e) => {
              pauseReplay(m.id);
              seekFrame(m.id, Number(e.target.value));
            }}
            data-testid="replay-scrubber"
          />
          <div className="replay-ticks" aria-hidden="true">
            {events.map((e, i) => (
              <span
                key={i}
                className={`replay-tick${e.frame === frame ? ' current' : ''}`}
                style={{ left: `${last > 0 ? (100 * e.frame) / last : 0}%` }}
                title={`step ${e.step}: ${e.text}`}
                onClick={() => {
                  pauseReplay(m.id);
                  seekFrame(m.id, e.frame);
                }}
              />
            ))}
          </div>
          <Hint label="timeline">
            One position per recorded snapshot: drag it, or focus it and use the arrow keys, Home and End. Going back redraws the charts from
            the first snapshot, so they look exactly as they did at that moment of the live run.
          </Hint>
        </div>
        <div className="progress" data-testid="replay-progress">
          <progress max={last} value={Math.max(0, frame)} aria-label="Replay progress" />
          <span className="small">
            snapshot {frame + 1} / {last + 1} · {line}
          </span>
        </div>
        <p className="small event-line" role="status" aria-live="polite" data-testid="replay-announce">
          {frameAnnouncement(rec, events, frame)}
        </p>
        {error && (
          <p className="error-text" role="alert" data-testid="replay-error">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
