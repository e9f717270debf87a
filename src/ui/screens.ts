/**
 * The screen registry. A screen is a React component plus optional commands for the global shortcuts
 * (Space play/pause, `.` step, `r` reset). To add a screen, append an entry here; App reads only this list.
 * `id` must be one of the `screen` values in core/urlState so the screen is part of a shareable link.
 */
import type { ComponentType } from 'react';
import type { Settings } from '../core/urlState';
import { ProfilerScreen } from './profiler/ProfilerScreen';
import { AtomNasScreen, atomnasCommands } from './atomnas/AtomNasScreen';
import { TrainScreen, trainCommands } from './train/TrainScreen';

export type ScreenId = Settings['screen'];

/** What the keyboard shortcuts do on this screen. */
export interface ScreenCommands {
  playPause(): void;
  step(): void;
  reset(): void;
}

export interface ScreenDef {
  id: ScreenId;
  /** Tab label. */
  title: string;
  /** One line under the tab bar / in the help dialog. */
  summary: string;
  component: ComponentType;
  commands?: ScreenCommands;
}

export const SCREENS: readonly ScreenDef[] = [
  {
    id: 'train',
    title: 'Train',
    summary: 'Train the hand-designed baseline network on MNIST or your own data, live on your GPU.',
    component: TrainScreen,
    commands: trainCommands,
  },
  {
    id: 'profiler',
    title: 'Latency',
    summary: 'Measure this device: a latency lookup table, a predictor judged on held-out networks, and the roofline.',
    component: ProfilerScreen,
  },
  {
    id: 'atomnas',
    title: 'AtomNAS',
    summary: 'Train a supernet of atomic blocks and watch dead channels get removed live: the network shrinks while it learns (no retraining).',
    component: AtomNasScreen,
    commands: atomnasCommands,
  },
];

export function findScreen(id: string): ScreenDef | undefined {
  return SCREENS.find((s) => s.id === id);
}
