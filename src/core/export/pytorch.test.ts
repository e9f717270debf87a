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
import { cellLayer, parseCell } from '../space/cell';
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

/** Cells (every edge op, residual and stride 2, a 3-input node, one tensor reaching a node twice) beside an MB. */
const CELL_SPEC: ArchSpec = {
  version: 1,
  name: 'tiny cell net',
  input: { height: 9, width: 9, channels: 1 },
  numClasses: 4,
  layers: [
    { type: 'conv', cin: 1, cout: 4, k: 3, stride: 1, relu: true },
    cellLayer(parseCell('c2-ii5iii'), 4, 4, 1),
    cellLayer(parseCell('c3-p7zz5p'), 4, 6, 2),
    cellLayer(parseCell('c2-pppppp'), 6, 6, 1),
    cellLayer(parseCell('c2-i3z353'), 6, 6, 1),
    cellLayer(parseCell('c2-5z7zpz'), 6, 8, 2),
    cellLayer(parseCell('c2-3p5zzi'), 8, 8, 1),
    { type: 'mb', cin: 8, cout: 8, stride: 1, branches: [{ k: 3, hidden: 24 }], residual: true },
    { type: 'conv', cin: 8, cout: 16, k: 1, stride: 1, relu: true },
    { type: 'gap' },
    { type: 'dense', cin: 16, cout: 4 },
  ],
};

/** Python: the reference cell c3-zz3zzz given MB k3 e3's weights computes the same output (train and eval mode). */
const REFERENCE_CHECK = String.raw`
import json, torch
from model import Cell, MB
torch.manual_seed(0)
mb = MB({"cin": 8, "cout": 8, "stride": 1, "branches": [{"k": 3, "hidden": 24}], "residual": True})
cell = Cell({"cin": 8, "cout": 8, "stride": 1, "hidden": 24, "edges": ["zero", "zero", "dw3", "zero", "zero", "zero"], "residual": True})
for m in mb.modules():
    if isinstance(m, torch.nn.BatchNorm2d):
        m.running_mean.uniform_(-0.5, 0.5); m.running_var.uniform_(0.5, 1.5); m.weight.data.uniform_(0.5, 1.5); m.bias.data.uniform_(-0.3, 0.3)
s = mb.state_dict()


def mb_name(k):
    if k == "expand.weight":
        return "expand_conv.weight"
    if k.startswith("ops.e03.0."):
        return "dw.0." + k[len("ops.e03.0."):]
    if k.startswith("ops.e03.1."):
        return "dw_bn." + k[len("ops.e03.1."):]
    return k


cs = cell.state_dict()
assert sorted(mb_name(k) for k in cs) == sorted(s), (sorted(cs), sorted(s))
for k in cs:
    cs[k].copy_(s[mb_name(k)])
x = torch.rand(3, 8, 7, 7)
diffs = []
for mode in (False, True):
    mb.train(mode); cell.train(mode)
    with torch.no_grad():
        diffs.append((mb(x) - cell(x)).abs().max().item())
print(json.dumps({"diffs": diffs, "params": [sum(p.numel() for p in mb.parameters()), sum(p.numel() for p in cell.parameters())]}))
`;

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

  it.skipIf(!torchOk)('cells: model.py has the analytic parameter count and output shape; the reference cell computes MB k3 e3', () => {
    const dir = mkdtempSync(join(tmpdir(), 'torch-export-cell-'));
    for (const [name, text] of Object.entries(toPytorch(CELL_SPEC, { epochs: 1, batchSize: 64 }))) writeFileSync(join(dir, name), text);
    const out = JSON.parse(execFileSync(PYTHON ?? 'python3', ['model.py'], { cwd: dir, encoding: 'utf8' })) as { params: number; output: number[] };
    expect(out.params).toBe(archCosts(CELL_SPEC).params);
    expect(out.output).toEqual([2, CELL_SPEC.numClasses]);
    const log = execFileSync(PYTHON ?? 'python3', ['train_ddp.py', '--synthetic', '--epochs', '1'], { cwd: dir, encoding: 'utf8' });
    expect(log).toMatch(/epoch 1\/1 loss/);
    writeFileSync(join(dir, 'check.py'), REFERENCE_CHECK);
    const r = JSON.parse(execFileSync(PYTHON ?? 'python3', ['check.py'], { cwd: dir, encoding: 'utf8' })) as { diffs: number[]; params: number[] };
    expect(r.params[0]).toBe(r.params[1]);
    for (const d of r.diffs) expect(d).toBeLessThanOrEqual(1e-5);
  }, 120_000);
});
