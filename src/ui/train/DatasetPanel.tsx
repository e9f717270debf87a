import { useStore } from '../../state/store';
import { loadSource } from '../../state/workerBridge';
import { bytes } from '../common/format';
import { FileLoader } from './FileLoader';
import { LoadProgress } from './LoadProgress';
import { PreviewGrid } from './PreviewGrid';

/** The loaded dataset (name, size, shape, classes, split), a preview grid, and loading your own files. */
export function DatasetPanel() {
  const ds = useStore((s) => s.dataset);
  const preview = useStore((s) => s.preview);
  const loading = useStore((s) => s.datasetLoading);
  const error = useStore((s) => s.datasetError);
  const setError = useStore((s) => s.setDatasetError);
  const backendReady = useStore((s) => s.backendStatus === 'ready');
  return (
    <section className="panel" aria-labelledby="dataset-title">
      <h2 id="dataset-title">Dataset</h2>
      {error && (
        <div className="banner banner-error" role="alert" data-testid="dataset-error">
          <div className="banner-body">
            <strong>Could not load {error.file ?? 'the data'}.</strong> {error.message}
            <div className="muted small">The previously loaded dataset is still in use.</div>
          </div>
          <button type="button" className="icon-button" aria-label="Dismiss the data error" onClick={() => setError(null)}>
            ×
          </button>
        </div>
      )}
      {ds ? (
        <dl className="summary" data-testid="dataset-summary">
          <dt>Name</dt>
          <dd data-testid="dataset-name">{ds.name}</dd>
          <dt>Source</dt>
          <dd>{ds.source === 'builtin' ? 'built-in' : `${ds.source}: ${ds.files.join(', ')}`}</dd>
          <dt>Images</dt>
          <dd data-testid="dataset-count">
            {ds.n.toLocaleString('en')} ({bytes(ds.bytes)})
          </dd>
          <dt>Shape</dt>
          <dd>
            {ds.height}×{ds.width}×{ds.channels}
          </dd>
          <dt>Classes</dt>
          <dd>{ds.numClasses}</dd>
          <dt>Split</dt>
          <dd data-testid="dataset-split">
            {ds.split.train.toLocaleString('en')} / {ds.split.val.toLocaleString('en')} / {ds.split.test.toLocaleString('en')}{' '}
            <span className="muted">(train / val / test, seed {ds.split.seed})</span>
          </dd>
        </dl>
      ) : (
        !loading && <p className="muted">No dataset loaded yet.</p>
      )}
      {preview && <PreviewGrid preview={preview} classNames={ds?.classNames} />}
      <div className="dataset-actions">
        {ds && ds.source !== 'builtin' && (
          <button type="button" className="button" disabled={!!loading} onClick={() => void loadSource({ kind: 'builtin' })}>
            Use built-in MNIST
          </button>
        )}
        <FileLoader disabled={!!loading || !backendReady} onFiles={(files) => void loadSource({ kind: 'files', files })} />
      </div>
      <LoadProgress />
    </section>
  );
}
