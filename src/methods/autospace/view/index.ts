/** The AutoSpace-style search's view part (app only): what `autospaceMethod.loadView()` resolves to. */
import type { MethodView } from '../../viewTypes';
import type { AutoSpaceSnapshot } from '../snapshot';
import { autospaceLive } from './liveBuffer';
import { Live } from './Live';
import { Result } from './Result';
import './autospace.css';

export const view: MethodView<AutoSpaceSnapshot> = {
  Live,
  Result,
  onSnapshot: (snap) => autospaceLive.apply(snap),
};
