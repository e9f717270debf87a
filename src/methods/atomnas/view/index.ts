/** AtomNAS's view part (app only): what `atomnasMethod.loadView()` resolves to. */
import type { MethodView } from '../../viewTypes';
import type { AtomNasSnapshot } from '../snapshot';
import { atomnasLive } from './liveBuffer';
import { Live } from './Live';
import { Result } from './Result';
import { SettingsExtra } from './SettingsExtra';
import './atomnas.css';

export const view: MethodView<AtomNasSnapshot> = {
  Live,
  Result,
  SettingsExtra,
  onSnapshot: (snap) => atomnasLive.apply(snap),
};
