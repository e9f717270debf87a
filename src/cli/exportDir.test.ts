import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRecord } from '../core/method/buildRecord';
import { rngStream } from '../core/rng';
import { parseRunsFile } from '../core/runs/runsFile';
import { TEST_SPEC } from '../core/runs/testRun';
import { buildNetwork } from '../engine/network';
import { useCpuBackend } from '../engine/testing';
import { checkExportDir, writeExportDir } from './exportDir';

beforeAll(useCpuBackend);

describe('--export DIR', () => {
  it('refuses a path where a file is in the way before anything runs, and creates a missing folder', async () => {
    const base = mkdtempSync(join(tmpdir(), 'export-'));
    writeFileSync(join(base, 'file'), 'x');
    await expect(checkExportDir(join(base, 'file'))).rejects.toThrow(/--export .*file: cannot write there/);
    await expect(checkExportDir(join(base, 'new', 'dir'))).resolves.toBeUndefined();
  });

  it('writes tfjs, ONNX, PyTorch and archspec.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-'));
    const net = buildNetwork(TEST_SPEC, rngStream(1, 'init'));
    const record = buildRecord({
      runId: 'r', method: 'train', label: 'Train',
      card: { seed: 1, backend: 'cpu', adapter: '', tfjsVersion: '', dataset: { name: 'x', source: '', files: [], n: 1, shape: [8, 8, 1], classes: 3 }, split: { seed: 1, train: 1, val: 1, test: 1 }, settings: { epochs: 2 }, wallSeconds: 1, date: '' },
      archSpec: TEST_SPEC, valAccuracy: null, testAccuracy: null, history: [], profile: null,
    });
    const lines: string[] = [];
    await writeExportDir(dir, net, record, { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) });
    net.dispose();
    expect(readdirSync(dir).sort()).toEqual(['archspec.json', 'model.json', 'model.onnx', 'model.py', 'model.weights.bin', 'run.bundle.json', 'train_ddp.py']);
    // The run with its weights, as Compare › Import runs reads it: the same record, the same weight bytes.
    const { runs, kind } = parseRunsFile(readFileSync(join(dir, 'run.bundle.json'), 'utf8'));
    expect(kind).toBe('bundle');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: 'r', status: 'finished', importedFrom: 'record file, tfjs cpu' });
    expect(runs[0].record).toEqual(record);
    expect(new Uint8Array(runs[0].model!.weights)).toEqual(new Uint8Array(readFileSync(join(dir, 'model.weights.bin'))));
    expect(JSON.parse(runs[0].model!.modelJson)).toEqual(JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')));
    expect(lines.join('\n')).toContain('exported to');
  });
});
