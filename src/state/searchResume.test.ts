import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeSearchCheckpoint } from '../core/runs/searchCheckpointFile';
import type { SearchResumeMeta } from '../core/runs/searchResume';
import { methodRunStore } from './methodRuns';
import { resumableRuns, useResume } from './resume';
import { keepRuns, resumeAfterRecovery } from './runKeeper';
import { resumeScreen } from './resumeRun';
import { RunRepository } from './runRepo';
import { refreshSavedRuns, setRunRepository, useSavedRuns } from './savedRuns';
import { resumeSearchRun } from './searchResume';
import { useStore } from './store';

const request = vi.fn((..._args: unknown[]) => Promise.resolve({ totalSteps: 20, stepsPerEpoch: 6, totalEpochs: 4, summary: 's', info: {}, startStep: 10 }));
vi.mock('./workerBridge', () => ({ getClient: () => ({ request }) }));

let n = 0;
const config = { preset: 'tiny', seed: 3, samples: 2 };
const bytes = (method = 'random', dataset = { name: 'mnist', n: 70000 }) =>
  encodeSearchCheckpoint<SearchResumeMeta>({ method, config, done: 10, state: { v: 1 }, meta: { kind: 'search', runId: 'r1', dataset, profile: null, wallSeconds: 3 } });

async function setup(method = 'random', ckpt = bytes()): Promise<RunRepository> {
  const name = `resume-test-${++n}`;
  const first = new RunRepository(name);
  await first.started({ id: 'r1', method, name: 'Random search (interrupted)', settings: config });
  await first.started({ id: 't1', method: 'train', name: 'Train (interrupted)', settings: {} });
  await first.started({ id: 'x1', method: 'atomnas', name: 'AtomNAS (interrupted)', settings: {} });
  await first.saveCheckpoint({ id: 'r1', step: 10, totalSteps: 20, bytes: ckpt });
  await first.saveCheckpoint({ id: 't1', step: 4, totalSteps: 8, bytes: new Uint8Array(16) });
  await first.close();
  const repo = new RunRepository(name); // a reload: the started runs are now interrupted
  setRunRepository(repo);
  await refreshSavedRuns();
  return repo;
}

describe('resuming an interrupted search (issue 16 §1)', () => {
  beforeEach(() => {
    request.mockClear();
    useResume.setState({ problem: null, dismissed: new Set() });
    useStore.setState({ dataset: { name: 'mnist', n: 70000 } as never });
  });
  afterEach(() => setRunRepository(null));

  it('offers interrupted runs with a checkpoint, per screen, and says where each resumes', async () => {
    await setup();
    const all = resumableRuns();
    expect(all.map((r) => [r.id, r.method, r.info.step]).sort()).toEqual([['r1', 'random', 10], ['t1', 'train', 4]]);
    expect(resumableRuns(useSavedRuns.getState(), 'random').map((r) => r.id)).toEqual(['r1']);
    expect(resumableRuns(useSavedRuns.getState(), 'train').map((r) => r.id)).toEqual(['t1']);
    expect(resumableRuns(useSavedRuns.getState(), 'atomnas')).toEqual([]); // interrupted, but no checkpoint
    expect([resumeScreen('r1'), resumeScreen('t1')]).toEqual(['random', 'train']);
  });

  it('sends the checkpoint with search/start { resume } under the run\'s own id, with the settings it started with', async () => {
    await setup();
    expect(await resumeSearchRun('r1')).toBe(true);
    expect(request).toHaveBeenCalledTimes(1);
    const [type, req] = request.mock.calls[0] as [string, { runId: string; method: string; config: unknown; resume: Uint8Array; profile: unknown }];
    expect(type).toBe('search/start');
    expect(req).toMatchObject({ runId: 'r1', method: 'random', config, profile: null });
    expect(Array.from(req.resume)).toEqual(Array.from(bytes()));
    const st = methodRunStore('random').getState();
    expect(st).toMatchObject({ runId: 'r1', state: 'running', config, started: { startStep: 10 } });
    expect(useStore.getState().settings.configs.random).toMatchObject({ seed: 3, samples: 2 });
    methodRunStore('random').setState({ state: 'idle' });
  });

  it('names the data to load when other data is loaded, and refuses another method\'s checkpoint, starting nothing', async () => {
    await setup();
    useStore.setState({ dataset: { name: 'fashion', n: 100 } as never });
    expect(await resumeSearchRun('r1')).toBe(false);
    expect(useResume.getState().problem).toMatch(/This run searched on mnist \(70000 images\), but fashion \(100 images\) is loaded. Load mnist again/);
    await setup('random', bytes('atomnas'));
    useStore.setState({ dataset: { name: 'mnist', n: 70000 } as never });
    expect(await resumeSearchRun('r1')).toBe(false);
    expect(useResume.getState().problem).toMatch(/one of atomnas, not of random/);
    expect(request).not.toHaveBeenCalled();
  });

  it('the run keeper stores a search/checkpoint event as the run\'s latest checkpoint', async () => {
    const repo = await setup();
    const b = bytes('random', { name: 'mnist', n: 70000 });
    keepRuns({ type: 'search/checkpoint', runId: 'r9', method: 'random', step: 12, totalSteps: 20, bytes: b });
    for (let i = 0; i < 100 && !(await repo.checkpoint('r9')); i++) await new Promise((r) => setTimeout(r, 10));
    const got = await repo.checkpoint('r9');
    expect(got).toMatchObject({ id: 'r9', step: 12, totalSteps: 20 });
    expect(Array.from(got!.bytes)).toEqual(Array.from(b));
  });

  it('after a crash a search that was going is listed as interrupted (offered); after a lost GPU it resumes at once', async () => {
    const name = `resume-test-${++n}`;
    const repo = new RunRepository(name);
    setRunRepository(repo);
    await repo.started({ id: 'r1', method: 'random', name: 'Random search (interrupted)', settings: config }); // live in this page
    await repo.saveCheckpoint({ id: 'r1', step: 10, totalSteps: 20, bytes: bytes() });
    await refreshSavedRuns();
    expect(resumableRuns()).toEqual([]); // still running as far as the list knows
    await resumeAfterRecovery({ trainRunId: null, searchRunIds: ['r1'], lostGpu: false });
    expect(resumableRuns().map((r) => r.id)).toEqual(['r1']);
    expect(request).not.toHaveBeenCalled();
    await resumeAfterRecovery({ trainRunId: null, searchRunIds: ['r1'], lostGpu: true });
    expect(request).toHaveBeenCalledTimes(1);
    expect(request.mock.calls[0][0]).toBe('search/start');
    expect(methodRunStore('random').getState()).toMatchObject({ runId: 'r1', state: 'running' });
    methodRunStore('random').setState({ state: 'idle' });
  });
});
