/** PAD-NAS's view part (app only): what `padnasMethod.loadView()` resolves to. */
import type { MethodView } from '../../viewTypes';
import { FIELD_HINTS } from '../hints';
import type { PadNasSnapshot } from '../snapshot';
import { padnasLive } from './liveBuffer';
import { Live } from './Live';
import { Result } from './Result';
import { SettingsExtra } from './SettingsExtra';
import './padnas.css';

export const view: MethodView<PadNasSnapshot> = {
  Live,
  Result,
  SettingsExtra,
  onSnapshot: (snap) => padnasLive.apply(snap),
  // The preset choice is not a field: its "?" text.
  hints: { preset: FIELD_HINTS.preset },
};
