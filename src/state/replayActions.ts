/**
 * What a method screen's replay buttons and shortcuts do: "Run it live with these settings" (the recording's config
 * into the settings form, the replay closed), "Replay this run" (the screen's own last live run), and the shortcuts
 * while a replay is open (Space play/pause, `.` one frame, `n` next event, `r` back to the first frame) instead of
 * starting a live run underneath it.
 */
import type { Recording } from '../core/method/recording';
import { groupToUrl, parseGroup } from '../core/settings/group';
import type { MethodDescriptor } from '../methods/descriptor';
import { ownRecording, restoreLiveView } from './liveRecording';
import { closeReplay, openReplay, pauseReplay, playReplay, replayError, replayStore, seekFrame, seekNextEvent } from './replay';
import { replayBlockedReason } from './replayLoad';
import { useStore } from './store';

/**
 * The settings form's config for a recording's settings: read through the method's settings group like a link is
 * (unknown keys dropped, values out of range clamped), with a notice for each change.
 */
export function liveSettingsOf(m: MethodDescriptor, rec: Recording): { config: Record<string, unknown>; notices: string[] } {
  const notices: string[] = [];
  let words: [string, string][];
  try {
    words = groupToUrl(m.settings, rec.config);
  } catch (e) {
    notices.push(`the recording's settings could not be read (${e instanceof Error ? e.message : String(e)}); using the preset`);
    words = m.settings.presetUrl && rec.preset ? [[m.settings.presetUrl, rec.preset]] : [];
  }
  const config = parseGroup(m.settings, new Map(words), false, notices) as Record<string, unknown>;
  return { config, notices };
}

/** Close the replay and give the screen back to its own run (its charts as they were, when the page kept them). */
export function closeReplayToLive(m: MethodDescriptor): void {
  closeReplay(m.id);
  restoreLiveView(m.id);
}

/** Close the replay and put its settings into the method's settings form (ready for Start). */
export function runLiveWithRecordingSettings(m: MethodDescriptor): void {
  const rec = replayStore(m.id).getState().recording;
  if (!rec) return;
  const { config, notices } = liveSettingsOf(m, rec);
  const app = useStore.getState();
  app.setConfig(m.id, config);
  closeReplayToLive(m);
  if (notices.length) app.addNotice({ kind: 'warning', title: 'Some settings of the recording were adjusted', lines: notices });
}

/** Replay the screen's own last live run (refused, with the reason, while that run is running or paused). */
export function replayOwnRun(m: MethodDescriptor): boolean {
  const blocked = replayBlockedReason(m);
  if (blocked) {
    replayError(m.id, blocked);
    return false;
  }
  const rec = ownRecording(m.id);
  if (!rec) {
    replayError(m.id, `No run of ${m.tab} was recorded in this page yet: Start one, then replay it.`);
    return false;
  }
  const when = new Date(rec.made.date);
  openReplay(m, rec, { kind: 'own', name: `your run of ${Number.isNaN(when.getTime()) ? 'this page' : when.toLocaleTimeString()}` });
  return true;
}

export interface MethodCommands {
  playPause(): void;
  step(): void;
  nextEvent?(): void;
  reset(): void;
}

/** The method screen's shortcuts: the replay's while one is open, the live run's otherwise. */
export function replayAwareCommands(m: MethodDescriptor, live: MethodCommands): MethodCommands {
  const open = () => replayStore(m.id).getState().recording !== null;
  return {
    playPause: () => {
      if (!open()) return live.playPause();
      if (replayStore(m.id).getState().playing) pauseReplay(m.id);
      else playReplay(m.id);
    },
    step: () => {
      if (!open()) return live.step();
      pauseReplay(m.id);
      seekFrame(m.id, replayStore(m.id).getState().frame + 1);
    },
    nextEvent: () => {
      if (!open()) return live.nextEvent?.();
      seekNextEvent(m.id);
    },
    reset: () => {
      if (!open()) return live.reset();
      pauseReplay(m.id);
      seekFrame(m.id, 0);
    },
  };
}
