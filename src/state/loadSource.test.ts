// @vitest-environment happy-dom
/**
 * Loading own files through the worker bridge: Cancel during the worker's part or during reading keeps the dataset
 * loaded before, says so in a notice (not as a data error), and ends the loading state; a bad file still gets its error.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

let pending: ((e: Error) => void) | null = null;
const request = vi.fn((type: string, _payload?: unknown): Promise<unknown> => {
  if (type === 'dataset/files') return new Promise((_resolve, reject) => (pending = reject));
  if (type === 'dataset/cancel') {
    pending?.(Object.assign(new Error('loading was cancelled'), { name: 'LoadCancelled' }));
    const was = !!pending;
    pending = null;
    return Promise.resolve({ cancelled: was });
  }
  return new Promise(() => undefined); // init: never answers (no backend needed here)
});

vi.mock('../worker/client', () => ({
  SILENT_MS: 5000,
  WorkerCrashError: class extends Error {},
  WorkerClient: class {
    silentMs = 0;
    request = request;
    on() {}
    onCrash() {}
    touch() {}
    checkHeartbeat() {}
  },
}));
vi.mock('./backendStartup', () => ({
  decideOrder: () => new Promise(() => undefined),
  startBackendSwitch: () => undefined,
  forgetBackendChoice: () => undefined,
}));

const { cancelDatasetLoad, loadSource } = await import('./workerBridge');
const { useStore } = await import('./store');

const file = (name: string, n = 100) => new File([new Uint8Array(n)], name);
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('loadSource with own files', () => {
  beforeEach(() => {
    useStore.setState({ notices: [], datasetError: null, datasetLoading: null });
    request.mockClear();
    vi.useFakeTimers({ toFake: ['setInterval'] });
  });
  afterEach(() => vi.useRealTimers());

  it('Cancel while the worker decompresses: a notice, no data error, loading ends, the dataset setting unchanged', async () => {
    useStore.getState().setSettings({ dataset: 'mnist' });
    const load = loadSource({ kind: 'files', files: [file('a.gz'), file('b.gz')] });
    await vi.waitFor(() => expect(pending).not.toBeNull());
    expect(useStore.getState().datasetLoading).toBe('a.gz, b.gz');
    expect(cancelDatasetLoad()).toBe(true);
    expect(await load).toBe(false);
    const st = useStore.getState();
    expect(st.notices.map((n) => n.title)).toEqual(['Loading cancelled']);
    expect(st.datasetError).toBeNull();
    expect(st.datasetLoading).toBeNull();
    expect(st.datasetProgress).toBeNull();
    expect(st.settings.dataset).toBe('mnist');
    expect(request.mock.calls.map((c) => c[0])).toContain('dataset/cancel');
    expect(cancelDatasetLoad()).toBe(false); // nothing is loading any more
  });

  it('Cancel while reading: the files never reach the worker', async () => {
    const load = loadSource({ kind: 'files', files: [file('big.bin', 3000)] });
    expect(cancelDatasetLoad()).toBe(true);
    expect(await load).toBe(false);
    expect(request.mock.calls.map((c) => c[0])).not.toContain('dataset/files');
    expect(useStore.getState().notices.map((n) => n.title)).toEqual(['Loading cancelled']);
  });

  it('a file the worker refuses is a data error naming it, not a cancel', async () => {
    const load = loadSource({ kind: 'files', files: [file('bad.gz')] });
    await vi.waitFor(() => expect(pending).not.toBeNull());
    pending?.(Object.assign(new Error('bad.gz: is corrupt'), { name: 'DataError', file: 'bad.gz' }));
    pending = null;
    expect(await load).toBe(false);
    await tick();
    expect(useStore.getState().datasetError).toEqual({ file: 'bad.gz', message: 'bad.gz: is corrupt' });
    expect(useStore.getState().notices).toEqual([]);
  });
});
