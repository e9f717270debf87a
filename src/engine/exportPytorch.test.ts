/**
 * The generated PyTorch model (core/export/pytorch.ts) computes the engine's logits when given the engine's weights:
 * every layer type, and cells with every edge op, strides, multi-edge DAGs and identities. Runs python3 with torch
 * (as core/export/pytorch.test.ts does); skipped, saying why, where it is missing.
 */
import * as tf from '@tensorflow/tfjs';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchSpec } from '../core/archspec';
import { toPytorch } from '../core/export/pytorch';
import { rngStream } from '../core/rng';
import { buildNetwork } from './network';
import { cellTinySpec, tinySpec, useCpuBackend } from './testing';

const PYTHON = ['python3', '/usr/bin/python3'].find((py) => spawnSync(py, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0);
if (PYTHON === undefined) console.warn('Skipping the PyTorch-vs-engine test: python3 with torch is not available here (CI installs python3-torch through .ci/run).');

beforeAll(useCpuBackend);

/** Loads the engine's weights into model.py's Net by name (NHWC kernels → NCHW) and prints max |Δ logits|. */
const CHECK_PY = String.raw`
import json, re, sys
import numpy as np
import torch
from model import Net

d = json.load(open(sys.argv[1]))
eng = {k: np.array(v["data"], dtype=np.float32).reshape(v["shape"]) for k, v in d["params"].items()}
net = Net().eval()
BN = {"weight": "gamma", "bias": "beta", "running_mean": "mean", "running_var": "var"}
RULES = [
    (r"conv\.conv\.weight$", "w"), (r"conv\.weight$", "w"), (r"bn\.(\w+)$", "bn.{bn}"),
    (r"expand_conv\.weight$", "expand.w"), (r"expand\.weight$", "expand.w"), (r"expand_bn\.(\w+)$", "expand.bn.{bn}"),
    (r"dw\.(\d+)\.conv\.weight$", "dw{0}.w"), (r"dw_bn\.(\w+)$", "dw.bn.{bn}"),
    (r"dw\.conv\.weight$", "dw.w"), (r"pw\.weight$", "pw.w"),
    (r"ops\.(e\d\d)\.0\.conv\.weight$", "{0}.w"), (r"ops\.(e\d\d)\.1\.(\w+)$", "{0}.bn.{bn}"),
    (r"project\.weight$", "project.w"), (r"project_bn\.(\w+)$", "project.bn.{bn}"),
    (r"fc\.weight$", "w"), (r"fc\.bias$", "b"),
]
used = set()
state = net.state_dict()
for key, t in state.items():
    if key.endswith("num_batches_tracked"):
        continue
    m = re.match(r"layers\.(\d+)\.(.*)$", key)
    i, rest = m.group(1), m.group(2)
    name = None
    for pat, fmt in RULES:
        r = re.fullmatch(pat, rest)
        if r:
            g = r.groups()
            bn = BN.get(g[-1], "") if g else ""
            name = "L" + i + "." + fmt.format(*g, bn=bn)
            break
    assert name in eng, (key, name)
    used.add(name)
    v = eng[name]
    if v.ndim == 4:
        v = v.transpose(2, 3, 0, 1) if t.shape[1] == 1 and v.shape[3] == 1 and t.shape[0] == v.shape[2] else v.transpose(3, 2, 0, 1)
    elif v.ndim == 2:
        v = v.T
    assert tuple(v.shape) == tuple(t.shape), (key, name, v.shape, t.shape)
    t.copy_(torch.from_numpy(np.ascontiguousarray(v)))
assert used == set(eng), sorted(set(eng) - used)
x = torch.from_numpy(np.array(d["x"]["data"], dtype=np.float32).reshape(d["x"]["shape"]).transpose(0, 3, 1, 2).copy())
with torch.no_grad():
    out = net(x).numpy()
want = np.array(d["logits"], dtype=np.float32).reshape(out.shape)
print(json.dumps({"diff": float(np.abs(out - want).max()), "scale": float(np.abs(want).max())}))
`;

async function torchVsEngine(spec: ArchSpec): Promise<{ diff: number; scale: number }> {
  const net = buildNetwork(spec, rngStream(8, 'init'));
  const rng = rngStream(9, 'bn');
  for (const name of net.params.names((e) => e.role.startsWith('bn-') || e.role === 'dense-bias')) {
    const v = net.params.get(name);
    const role = net.params.entry(name).role;
    const t = tf.tensor(Float32Array.from({ length: v.size }, () => (role === 'bn-var' || role === 'bn-gamma' ? 0.5 + rng.next() : rng.normal() * 0.3)), v.shape);
    net.params.set(name, t);
    t.dispose();
  }
  const params: Record<string, { shape: number[]; data: number[] }> = {};
  for (const name of net.params.names()) {
    const v = net.params.get(name);
    params[name] = { shape: v.shape, data: Array.from(await v.data()) };
  }
  const { height, width, channels } = spec.input;
  const x = tf.randomUniform<tf.Rank.R4>([5, height, width, channels], 0, 1, 'float32', 12);
  const y = net.predict(x);
  const dump = { params, x: { shape: x.shape, data: Array.from(await x.data()) }, logits: Array.from(await y.data()) };
  tf.dispose([x, y]);
  net.dispose();
  const dir = mkdtempSync(join(tmpdir(), 'torch-vs-engine-'));
  writeFileSync(join(dir, 'model.py'), toPytorch(spec)['model.py']);
  writeFileSync(join(dir, 'check.py'), CHECK_PY);
  writeFileSync(join(dir, 'dump.json'), JSON.stringify(dump));
  return JSON.parse(execFileSync(PYTHON ?? 'python3', ['check.py', 'dump.json'], { cwd: dir, encoding: 'utf8' })) as { diff: number; scale: number };
}

describe('PyTorch model vs engine (same weights)', () => {
  it.skipIf(PYTHON === undefined)('every layer type (tinySpec) and cells (cellTinySpec) give the engine logits', async () => {
    for (const spec of [tinySpec(), cellTinySpec()]) {
      const { diff, scale } = await torchVsEngine(spec);
      expect(diff, spec.name).toBeLessThanOrEqual(2e-6 * Math.max(1, scale));
    }
  }, 120_000);
});
