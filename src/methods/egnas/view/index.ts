/** Efficient Global NAS's view part (app only): what `egnasMethod.loadView()` resolves to. */
import type { MethodView } from '../../viewTypes';
import type { EgnasSnapshot } from '../snapshot';
import { egnasLive } from './liveBuffer';
import { Live } from './Live';
import { Result } from './Result';
import './egnas.css';

export const view: MethodView<EgnasSnapshot> = {
  Live,
  Result,
  onSnapshot: (snap) => egnasLive.apply(snap),
};
