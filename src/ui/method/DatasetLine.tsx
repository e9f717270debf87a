/**
 * Which data a search will use, on every method screen: the loaded dataset and its split, the part a `trainLimit`
 * setting keeps, and where to change it (the Train screen loads datasets, built-in or your own files, for every screen).
 */
import { useStore } from '../../state/store';

export function DatasetLine({ config }: { config: Record<string, unknown> | undefined }) {
  const ds = useStore((s) => s.dataset);
  const setSettings = useStore((s) => s.setSettings);
  if (!ds) return null;
  const limit = typeof config?.trainLimit === 'number' && config.trainLimit > 0 && config.trainLimit < ds.split.train ? config.trainLimit : null;
  const n = (v: number) => v.toLocaleString('en');
  return (
    <p className="muted small" data-testid="method-dataset">
      Data: <strong>{ds.name}</strong> ({ds.height}×{ds.width}×{ds.channels}, {ds.numClasses} classes), {n(ds.split.train)} train / {n(ds.split.val)}{' '}
      validation / {n(ds.split.test)} test{limit !== null ? `; the search trains on ${n(limit)} of the training images` : ''}.{' '}
      <button type="button" className="link-button" onClick={() => setSettings({ screen: 'train' })}>
        Change the data
      </button>{' '}
      on the Train screen (built-in MNIST or your own IDX or CIFAR-10 files).
    </p>
  );
}
