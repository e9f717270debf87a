/**
 * The Train screen's per-step series (not React state: the worker's snapshots append typed arrays, charts subscribe
 * and redraw on the next animation frame).
 */
import { SeriesBuffer } from '../core/series';

export type TrainSeriesName = 'loss' | 'lr' | 'ips' | 'valAcc' | 'valLoss';

/** The live training curves (loss/lr/ips per step, validation per epoch). */
export const trainSeries = new SeriesBuffer<TrainSeriesName>(['loss', 'lr', 'ips', 'valAcc', 'valLoss']);
