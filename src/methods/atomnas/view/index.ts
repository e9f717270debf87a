/** AtomNAS's view part (app only): what `atomnasMethod.loadView()` resolves to. */
import type { MethodView } from '../../viewTypes';
import { FIELD_HINTS } from '../hints';
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
  // The preset choice is not a field: its "?" text.
  hints: { preset: FIELD_HINTS.preset },
};
