/**
 * One training step on the CLI's CPU backend (tfjs-backend-cpu in Node, as `npm run cli` trains), timed, with the
 * kernels that took the time. For the CPU kernels of engine/cpuKernels.ts: their figures in the README come from here.
 *
 *   npx tsx scripts/cpu-step.ts --net egnas:4:32 --batch 64
 *   npx tsx scripts/cpu-step.ts --net atomnas:default --kernels tfjs
 *   npx tsx scripts/cpu-step.ts --net autospace:default
 *
 * Options: --net egnas:L:C (a plain Efficient Global NAS chain, full-size stem) or atomnas:<preset> (that preset's
 * supernet; its batch unless --batch) or autospace:<preset> (one evolution step of that preset: K cells mixed per slot,
 * the budget term included; its batch unless --batch), --batch N (default 64), --steps N (timed steps after one warm-up, default 3;
 * the median is reported), --kernels engine|tfjs (tfjs: tfjs-backend-cpu's own kernels, for comparison), --wasm on|off
 * (the engine's WebAssembly SIMD kernels, on by default where they run, or all kernels in JavaScript), --shapes (also
 * the 25 costliest kernel calls by input shapes).
 * Data: synthetic 28×28×1 images, 10 classes (the step's cost does not depend on the pixels).
 */
import * as tf from '@tensorflow/tfjs';
import type { ArchSpec } from '../src/core/archspec';
import { rngStream } from '../src/core/rng';
import { wasmGemmAvailable } from '../src/engine/cpuGemmWasm';
import { setWasmKernels } from '../src/engine/wasm/instance';
import { uninstallFastCpuKernels } from '../src/engine/cpuKernels';
import { buildNetwork } from '../src/engine/network';
import { syntheticData, useCpuBackend as startCpuBackend } from '../src/engine/testing';
import { Trainer } from '../src/engine/trainer';
import { atomnasSupernetSpec } from '../src/methods/atomnas/latency';
import { ATOMNAS_PRESETS, type AtomNasPresetId } from '../src/methods/atomnas/settings';
import { cellPricer } from '../src/methods/autospace/cellCosts';
import { AUTOSPACE_PRESETS, type AutoSpacePresetId } from '../src/methods/autospace/config';
import { Evolution } from '../src/methods/autospace/run/evolution';
import { chainArch, plainGenome } from '../src/methods/egnas/chain';
import { arg } from './scriptArgs';

const INPUT = { height: 28, width: 28, channels: 1 };

function network(net: string): { spec: ArchSpec; batch?: number } {
  const [kind, a, b] = net.split(':');
  if (kind === 'egnas' && Number.isInteger(Number(a)) && Number.isInteger(Number(b))) {
    return { spec: chainArch({ input: INPUT, numClasses: 10 }, plainGenome(Number(a), Number(b))) };
  }
  if (kind === 'atomnas' && a in ATOMNAS_PRESETS) {
    const s = ATOMNAS_PRESETS[a as AtomNasPresetId];
    return { spec: atomnasSupernetSpec(s, INPUT, 10), batch: s.batchSize };
  }
  throw new Error(`--net ${net}: expected egnas:L:C (e.g. egnas:4:32) or atomnas:<${Object.keys(ATOMNAS_PRESETS).join('|')}>`);
}

/** One timed step function: the plain trainer of a network, or an AutoSpace-style evolution step. */
async function stepper(net: string, batchArg: string | null, steps: number): Promise<{ batch: number; step: () => Promise<unknown> }> {
  const [kind, a] = net.split(':');
  if (kind === 'autospace' && a in AUTOSPACE_PRESETS) {
    const c = { ...AUTOSPACE_PRESETS[a as AutoSpacePresetId] };
    if (batchArg) c.batchSize = Number(batchArg);
    const skeleton = { input: INPUT, numClasses: 10, width: c.width, tiny: c.tiny };
    const evolution = new Evolution(skeleton, syntheticData(c.batchSize * (steps + 2), 10, 28, 3), c, cellPricer(skeleton, 'macs', null));
    await evolution.begin();
    return { batch: c.batchSize, step: () => evolution.trainStep() };
  }
  const { spec, batch: presetBatch } = network(net);
  const batch = Number(batchArg ?? presetBatch ?? 64);
  const trainer = new Trainer(buildNetwork(spec, rngStream(1, 'init')), syntheticData(batch * (steps + 2), 10, 28, 3), {
    epochs: 1,
    batchSize: batch,
    lr: 0.05,
    optimizer: 'sgd',
    schedule: 'constant',
    weightDecay: 0,
    labelSmoothing: 0,
    seed: 1,
  });
  return { batch, step: () => trainer.trainStep() };
}

async function main(): Promise<void> {
  await startCpuBackend();
  const kernels = arg('kernels', 'engine');
  if (kernels === 'tfjs') uninstallFastCpuKernels();
  else if (kernels !== 'engine') throw new Error(`--kernels ${kernels}: expected engine or tfjs`);
  const wasm = arg('wasm', 'on');
  if (wasm === 'off') setWasmKernels(false);
  else if (wasm !== 'on') throw new Error(`--wasm ${wasm}: expected on or off`);
  const net = arg('net', 'egnas:4:32');
  const steps = Number(arg('steps', '3'));
  const { batch, step } = await stepper(net, process.argv.includes('--batch') ? arg('batch', '64') : null, steps);
  await step(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    await step();
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  const profile = await tf.profile(async () => {
    await step();
  });
  const byKernel = new Map<string, number>();
  for (const k of profile.kernels) byKernel.set(k.name, (byKernel.get(k.name) ?? 0) + Number(k.kernelTimeMs));
  const top = [...byKernel.entries()].sort((x, y) => y[1] - x[1]).slice(0, 12);
  console.log(`${net}, batch ${batch}, ${kernels} kernels, WebAssembly kernels ${wasmGemmAvailable() ? 'on' : 'off'}: median ${times[Math.floor(times.length / 2)].toFixed(0)} ms per step (${times.map((t) => t.toFixed(0)).join(', ')})`);
  console.log(`kernels of one profiled step (ms; nested ops count in their caller too): ${top.map(([n, v]) => `${n} ${v.toFixed(0)}`).join(', ')}`);
  if (process.argv.includes('--shapes')) {
    const byShape = new Map<string, number>();
    for (const k of profile.kernels) {
      const key = `${k.name} ${k.inputShapes.map((s) => `[${(s ?? []).join('×')}]`).join(' ')}`;
      byShape.set(key, (byShape.get(key) ?? 0) + Number(k.kernelTimeMs));
    }
    for (const [key, ms] of [...byShape.entries()].sort((x, y) => y[1] - x[1]).slice(0, 25)) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${key}`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
