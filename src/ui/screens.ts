/**
 * The screen registry: the landing page (Home), Train, Latency, and one screen per registered NAS method (generated from its descriptor).
 * A screen is a React component plus optional commands for the global shortcuts (Space play/pause, `.` step,
 * `r` reset). App reads only this list; a screen's id is its `screen` value in the link.
 */
import { createElement, type ComponentType } from 'react';
import type { MethodDescriptor } from '../methods/descriptor';
import { METHODS } from '../methods/registry';
import { resetMethod, nextEventMethod, stepMethod, toggleMethod } from '../state/methodActions';
import { replayAwareCommands } from '../state/replayActions';
import { CompareScreen } from './compare/CompareScreen';
import { LandingScreen } from './landing/LandingScreen';
import { MethodScreen } from './method/MethodScreen';
import { ProfilerScreen } from './profiler/ProfilerScreen';
import { TrainScreen, trainCommands } from './train/TrainScreen';

export type ScreenId = string;

/** What the keyboard shortcuts do on this screen. */
export interface ScreenCommands {
  playPause(): void;
  step(): void;
  /** Run the paused search to its next key moment (method screens). */
  nextEvent?(): void;
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

function methodScreen(m: MethodDescriptor): ScreenDef {
  const component = () => createElement(MethodScreen, { method: m });
  component.displayName = `${m.tab}Screen`;
  return {
    id: m.id,
    title: m.tab,
    summary: m.summary,
    component,
    // While a recorded run is open, the shortcuts drive its player (state/replayActions).
    commands: replayAwareCommands(m, { playPause: () => void toggleMethod(m), step: () => void stepMethod(m), nextEvent: () => void nextEventMethod(m), reset: () => void resetMethod(m) }),
  };
}

export const SCREENS: readonly ScreenDef[] = [
  {
    id: 'landing',
    title: 'Home',
    summary: 'Start here: what NAS is, what to expect on this device, and one card per method.',
    component: LandingScreen,
  },
  {
    id: 'train',
    title: 'Train',
    summary: 'Train the hand-designed baseline network on MNIST or your own data, live on this device.',
    component: TrainScreen,
    commands: trainCommands,
  },
  {
    id: 'profiler',
    title: 'Latency',
    summary: 'Measure this device: a latency lookup table, a predictor judged on held-out networks, and the roofline.',
    component: ProfilerScreen,
  },
  ...METHODS.map(methodScreen),
  {
    id: 'compare',
    title: 'Compare',
    summary: 'Every saved run side by side: accuracy against latency on this device, the Pareto front, retrain with one recipe, export.',
    component: CompareScreen,
  },
];

export function findScreen(id: string): ScreenDef | undefined {
  return SCREENS.find((s) => s.id === id);
}
