import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './args';
import { throughputRows } from './rows';
import { BenchSchemaError, DEFAULT_FIGURES, isSoftwareAdapter, resultFileName, validateBenchResult, type BenchResult } from './schema';
import { formatValue, markdownReport, markdownTable } from './table';
import type { ThroughputRaw } from './throughput';

const swiftshader = { vendor: 'google', architecture: 'swiftshader', device: '', description: '', isFallbackAdapter: true, features: [] };

function throughputRaw(): ThroughputRaw {
  return {
    backend: 'webgpu',
    spec: { name: 'baseline', macs: 616_776, params: 1000 },
    batch: 16,
    engineWarmupMs: [900],
    stockWarmupMs: [800],
    engineBlocks: [[100, 110], [90, 100]],
    stockBlocks: [[200, 210], [190, 200]],
    lossEngine: [],
    lossStock: [],
    recipe: 'SGD',
  };
}

function result(): BenchResult {
  const o = parseBenchArgs([]);
  return {
    format: 'nas-playground-bench',
    version: 1,
    env: {
      date: '2026-11-28T21:00:00.000Z',
      machine: { os: 'Linux', cpuModel: 'AMD EPYC', cores: 2, memoryGiB: 24, node: 'v20' },
      browser: { name: 'Chromium', version: '156', executable: '/usr/bin/chromium', args: ['--enable-unsafe-webgpu'] },
      gpuFlags: false,
      adapter: swiftshader,
      softwareAdapter: true,
      crossOriginIsolated: true,
      tfjsVersion: '4.22.0',
    },
    options: {},
    command: 'npm run bench',
    rows: throughputRows(throughputRaw(), o, 'webgpu'),
    raw: {},
    errors: [{ figure: 'predictor', backend: 'app', message: 'timed out' }],
    durationS: 12,
  };
}

describe('bench rows, table and schema', () => {
  it('derives throughput and the engine ÷ stock ratio from interleaved blocks', () => {
    const [tp, ratio] = throughputRows(throughputRaw(), parseBenchArgs([]), 'webgpu');
    expect(tp.value).toBeCloseTo(16_000 / 100, 10); // median engine step 100 ms
    expect(tp.unit).toBe('img/s');
    expect(ratio.value).toBeCloseTo(2, 10);
    expect(ratio.pass).toBe(true);
    expect(ratio.command).toBe('npm run bench -- --only throughput');
  });

  it('formats values per unit', () => {
    expect(formatValue(1.23456, '×')).toBe('1.235×');
    expect(formatValue(160, 'img/s')).toBe('160 img/s');
    expect(formatValue(3.14159, 's')).toBe('3.14 s');
    expect(formatValue(null, 'ms')).toBe('–');
    expect(formatValue(0, 'count')).toBe('0');
  });

  it('prints a table with goals, verdicts and commands, and a report that flags SwiftShader', () => {
    const r = result();
    const t = markdownTable(r.rows);
    expect(t.split('\n')).toHaveLength(2 + r.rows.length);
    expect(t).toContain('≥ 1.0 ✔');
    expect(t).toContain('`npm run bench -- --only throughput`');
    const md = markdownReport(r);
    expect(md).toContain('AMD EPYC, 2 cores');
    expect(md).toContain('Chromium 156');
    expect(md).toContain('google / swiftshader; fallback adapter: true');
    expect(md).toMatch(/Software adapter/);
    expect(md).toContain('predictor (app): timed out');
  });

  it('validates result files and names them by date and backend', () => {
    const r = JSON.parse(JSON.stringify(result())) as unknown;
    expect(validateBenchResult(r).rows).toHaveLength(2);
    const noAdapter = { ...(r as BenchResult), env: { ...(r as BenchResult).env, adapter: null } };
    expect(() => validateBenchResult(noAdapter)).toThrow(/adapter/);
    const badCmd = { ...(r as BenchResult), rows: [{ ...(r as BenchResult).rows[0], command: 'node x.js' }] };
    expect(() => validateBenchResult(badCmd)).toThrow(BenchSchemaError);
    expect(() => validateBenchResult({ format: 'other' })).toThrow(/format/);
    expect(resultFileName({ date: '2026-11-28T21:00:00Z', softwareAdapter: true }, 'webgpu')).toBe('2026-11-28-webgpu-swiftshader.json');
    expect(resultFileName({ date: '2026-11-28T21:00:00Z', softwareAdapter: false }, 'webgpu')).toBe('2026-11-28-webgpu.json');
    expect(resultFileName({ date: '2026-11-28T21:00:00Z', softwareAdapter: false }, 'webgl', ['throughput', 'memory'])).toBe('2026-11-28-webgl-only-throughput+memory.json');
    // A default run (every figure but the soak) is a full run; the soak alone is not.
    expect(resultFileName({ date: '2026-11-28T21:00:00Z', softwareAdapter: true }, 'webgpu', DEFAULT_FIGURES)).toBe('2026-11-28-webgpu-swiftshader.json');
    expect(resultFileName({ date: '2026-11-30T07:00:00Z', softwareAdapter: true }, 'webgpu', ['soak'])).toBe('2026-11-30-webgpu-swiftshader-only-soak.json');
    expect(isSoftwareAdapter(swiftshader)).toBe(true);
    expect(isSoftwareAdapter({ ...swiftshader, architecture: 'ampere', vendor: 'nvidia', isFallbackAdapter: false })).toBe(false);
  });
});
