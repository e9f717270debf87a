import { useMemo } from 'react';
import { archCosts } from '../../core/costs';
import { baselineSpec } from '../../core/skeleton';
import { trainConfig } from '../../state/slices/settingsSlice';
import { useStore } from '../../state/store';
import { compact } from '../common/format';
import { Hint } from '../common/Hint';

/** MACs and parameters of the baseline for the current width / tiny / dataset shape, recomputed as you type. */
export function CostReadout() {
  const width = useStore((s) => trainConfig(s.settings).width);
  const tiny = useStore((s) => trainConfig(s.settings).tiny);
  const ds = useStore((s) => s.dataset);
  const h = ds?.height ?? 28;
  const w = ds?.width ?? 28;
  const c = ds?.channels ?? 1;
  const classes = ds?.numClasses ?? 10;
  const costs = useMemo(() => {
    try {
      return archCosts(baselineSpec({ width, tiny, input: { height: h, width: w, channels: c }, numClasses: classes }));
    } catch {
      return null;
    }
  }, [width, tiny, h, w, c, classes]);
  return (
    <div className="costs" aria-live="off">
      <div className="stat">
        <span className="stat-label">
          MACs <Hint label="MACs">Multiply-accumulate operations for one image through the network (forward pass). A common proxy for speed.</Hint>
        </span>
        <span className="stat-value" data-testid="macs">
          {costs ? compact(costs.macs) : '–'}
        </span>
      </div>
      <div className="stat">
        <span className="stat-label">
          Params <Hint label="Params">Trainable numbers in the network: convolution and dense weights, batch-norm scales and shifts.</Hint>
        </span>
        <span className="stat-value" data-testid="params">
          {costs ? compact(costs.params) : '–'}
        </span>
      </div>
    </div>
  );
}
