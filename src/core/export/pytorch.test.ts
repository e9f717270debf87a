/**
 * The generated PyTorch source runs under Debian's python3-torch (installed by .ci/run): its parameter count and
 * output shape equal the ArchSpec's analytic numbers. Skipped, saying why, where python3 with torch is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArchSpec } from '../archspec';
import { archCosts } from '../costs';
import { toPytorch } from './pytorch';

/** The first python3 that imports torch (Debian's python3-torch lives under /usr/bin/python3, which a pyenv may shadow). */
const PYTHON = ['python3', '/usr/bin/python3'].find((py) => spawnSync(py, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0);
const torchOk = PYTHON !== undefined;
if (!torchOk) console.warn('Skipping the PyTorch export test: python3 with torch is not available here (CI installs python3-torch through .ci/run).');

const SPEC: ArchSpec = {
  version: 1,
  name: "tiny 'quoted' net",
  input: { height: 9, width: 9, channels: 1 },
  numClasses: 4,
  layers: [
    { type: 'conv', cin: 1, cout: 4, k: 3, stride: 1, relu: true },
    { type: 'mb', cin: 4, cout: 4, stride: 1, branches: [{ k: 3, hidden: 4 }], residual: true, expand: false },
    { type: 'mb', cin: 4, cout: 4, stride: 1, branches: [{ k: 3, hidden: 3 }, { k: 5, hidden: 2 }, { k: 7, hidden: 1 }], residual: true },
    { type: 'mb', cin: 4, cout: 6, stride: 2, branches: [{ k: 3, hidden: 6 }, { k: 5, hidden: 3 }], residual: false },
    { type: 'sepconv', cin: 6, cout: 6, k: 3, stride: 1 },
    { type: 'chainconv', cin: 6, cout: 8, k: 3, stride: 2 },
    { type: 'skip', cin: 8, cout: 8 },
    { type: 'conv', cin: 8, cout: 16, k: 1, stride: 1, relu: true },
    { type: 'gap' },
    { type: 'dense', cin: 16, cout: 4 },
  ],
};

describe('PyTorch export', () => {
  it('embeds the ArchSpec and the recipe', () => {
    const f = toPytorch(SPEC, { epochs: 7, lr: 0.1 });
    expect(f['model.py']).toContain('class Net(nn.Module)');
    expect(f['train_ddp.py']).toContain('default=7');
    expect(f['train_ddp.py']).toContain('DistributedDataParallel');
  });

  it.skipIf(!torchOk)('model.py has the analytic parameter count and output shape; train_ddp.py runs one synthetic epoch', () => {
    const dir = mkdtempSync(join(tmpdir(), 'torch-export-'));
    for (const [name, text] of Object.entries(toPytorch(SPEC, { epochs: 1, batchSize: 64 }))) writeFileSync(join(dir, name), text);
    const out = JSON.parse(execFileSync(PYTHON ?? 'python3', ['model.py'], { cwd: dir, encoding: 'utf8' })) as { params: number; output: number[] };
    expect(out.params).toBe(archCosts(SPEC).params);
    expect(out.output).toEqual([2, SPEC.numClasses]);
    const log = execFileSync(PYTHON ?? 'python3', ['train_ddp.py', '--synthetic', '--epochs', '1'], { cwd: dir, encoding: 'utf8' });
    expect(log).toMatch(/epoch 1\/1 loss/);
  }, 120_000);
});
