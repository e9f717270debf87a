import { describe, expect, it } from 'vitest';
import { BenchUsageError, defaultsFor, figureCommand, parseBenchArgs } from './args';

describe('bench args', () => {
  it('defaults to the SwiftShader profile with every figure and backend', () => {
    const o = parseBenchArgs([]);
    expect(o).toMatchObject({ gpu: false, quick: false, backends: ['webgpu', 'webgl', 'cpu'], port: 4175, outDir: 'dist-bench', width: 0.25, batch: 16 });
    expect(o.only).toContain('predictor');
    expect(o.nodeMemorySteps).toEqual([50, 500]);
  });

  it('takes the issue step counts with --gpu and cuts them with --quick', () => {
    const g = parseBenchArgs(['--gpu']);
    expect(g).toMatchObject({ gpu: true, width: 1, batch: 32, memorySteps: [50, 500] });
    expect(g.ttfsPresets).toHaveLength(4);
    const q = parseBenchArgs(['--quick']);
    expect(q.rounds).toBeLessThan(defaultsFor(false, false).rounds);
    expect(q.atomnas.limit).toBe(q.atomnas.batch * 6);
  });

  it('parses lists and numbers and rejects bad input', () => {
    const o = parseBenchArgs(['--backends', 'webgl,cpu', '--only', 'throughput,memory', '--memory-steps', '10,100', '--width', '0.5', '--ttfs-presets', 'all']);
    expect(o.backends).toEqual(['webgl', 'cpu']);
    expect(o.only).toEqual(['throughput', 'memory']);
    expect(o.memorySteps).toEqual([10, 100]);
    expect(o.width).toBe(0.5);
    expect(o.ttfsPresets).toHaveLength(4);
    expect(() => parseBenchArgs(['--backends', 'metal'])).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(['--memory-steps', '500,50'])).toThrow(/increasing/);
    expect(() => parseBenchArgs(['--batch'])).toThrow(/needs a value/);
    expect(() => parseBenchArgs(['--frobnicate'])).toThrow(/unknown option/);
  });

  it('writes the command that reproduces a figure, with only the options that differ from the profile', () => {
    const o = parseBenchArgs(['--backends', 'webgpu,webgl']);
    expect(figureCommand('throughput', o, 'webgpu')).toBe('npm run bench -- --only throughput');
    expect(figureCommand('throughput', o, 'webgl')).toBe('npm run bench -- --only throughput --backends webgl');
    expect(figureCommand('throughput-node', o, 'node-cpu')).toBe('npm run bench -- --only throughput-node');
    expect(figureCommand('gpu-proxy', parseBenchArgs(['--backends', 'webgl', '--batch', '32']), 'webgpu-mock')).toBe('npm run bench -- --only gpu-proxy --batch 32');
    const g = parseBenchArgs(['--gpu', '--quick', '--width', '2', '--backends', 'webgl']);
    expect(figureCommand('throughput', g, 'webgl')).toBe('npm run bench -- --only throughput --quick --gpu --backends webgl --width 2');
    expect(figureCommand('atomnas', g)).toBe('npm run bench -- --only atomnas --quick --gpu --backends webgl');
    expect(figureCommand('atomnas', parseBenchArgs(['--atomnas-rounds', '12', '--block', '8']))).toBe('npm run bench -- --only atomnas --atomnas-rounds 12 --block 8');
    expect(() => parseBenchArgs(['--atomnas-rounds', '0'])).toThrow(/--atomnas-rounds must be an integer in \[1, 300\]/);
    expect(figureCommand('responsiveness', parseBenchArgs(['--window-s', '5']))).toBe('npm run bench -- --only responsiveness --window-s 5');
  });

  it('leaves the soak out of a default run; --soak-steps and --soak-every set it', () => {
    expect(parseBenchArgs([]).only).not.toContain('soak');
    const o = parseBenchArgs(['--only', 'soak']);
    expect(o).toMatchObject({ only: ['soak'], soakSteps: 1000, soakEvery: 50, soakWarmup: 50 });
    expect(figureCommand('soak', o)).toBe('npm run bench -- --only soak');
    const s = parseBenchArgs(['--only', 'soak', '--soak-steps', '400', '--soak-every', '20']);
    expect(s).toMatchObject({ soakSteps: 400, soakEvery: 20, soakWarmup: 20 });
    expect(figureCommand('soak', s)).toBe('npm run bench -- --only soak --soak-steps 400 --soak-every 20');
    expect(() => parseBenchArgs(['--soak-steps', '60'])).toThrow(/at least twice/);
  });
});
