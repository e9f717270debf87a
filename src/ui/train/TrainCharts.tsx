import { trainConfig } from '../../state/slices/settingsSlice';
import { useStore } from '../../state/store';
import { trainSeries } from '../../state/series';
import { LiveLineChart } from '../../viz/LiveLineChart';
import { Hint } from '../common/Hint';

const pct = (v: number) => `${Math.round(v * 100)}%`;

/** Live charts: loss per step, validation accuracy per epoch, images per second. */
export function TrainCharts() {
  const total = useStore((s) => s.started?.totalSteps ?? s.progress?.total ?? 0);
  const epochs = useStore((s) => s.progress?.totalEpochs ?? trainConfig(s.settings).epochs);
  return (
    <div className="charts">
      <figure className="chart-card">
        <figcaption>
          Training loss{' '}
          <Hint label="Training loss">
            Cross-entropy of each training batch (faint) and its smoothed trend (bold). It should fall; a sudden jump to NaN means the
            learning rate is too high.
          </Hint>
        </figcaption>
        <LiveLineChart
          buffer={trainSeries}
          series={[{ name: 'loss', className: 'line-loss', smooth: 0.9 }]}
          xLabel="step"
          yLabel="loss"
          xGrowTo={total}
          label="Training loss per step"
          emptyText="Press Start to train"
        />
      </figure>
      <figure className="chart-card">
        <figcaption>
          Validation accuracy{' '}
          <Hint label="Validation accuracy">
            Share of the validation images (held out from training) classified correctly, measured after each epoch. The test split is only
            used once, at the end.
          </Hint>
        </figcaption>
        <LiveLineChart
          buffer={trainSeries}
          series={[{ name: 'valAcc', className: 'line-acc', points: true }]}
          xLabel="epoch"
          yLabel="accuracy"
          xDomain={[0, Math.max(1, epochs)]}
          yDomain={[0, 1]}
          yFormat={pct}
          label="Validation accuracy per epoch"
          emptyText="Measured after each epoch"
        />
      </figure>
      <figure className="chart-card">
        <figcaption>
          Images per second{' '}
          <Hint label="Images per second">
            Training throughput of each step on this device (forward, backward and update). The first steps include shader compilation.
          </Hint>
        </figcaption>
        <LiveLineChart
          buffer={trainSeries}
          series={[{ name: 'ips', className: 'line-ips', smooth: 0.8 }]}
          xLabel="step"
          yLabel="images / s"
          xGrowTo={total}
          label="Training images per second"
          emptyText="Throughput appears with the first steps"
        />
      </figure>
    </div>
  );
}
