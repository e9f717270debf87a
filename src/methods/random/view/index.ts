/** Random search's view part (app only): what `randomMethod.loadView()` resolves to. */
import type { MethodView } from '../../viewTypes';
import type { RandomSnapshot } from '../snapshot';
import { randomLive } from './liveBuffer';
import { Live } from './Live';
import { Result } from './Result';
import './random.css';

export const view: MethodView<RandomSnapshot> = {
  Live,
  Result,
  onSnapshot: (snap) => randomLive.apply(snap),
};
