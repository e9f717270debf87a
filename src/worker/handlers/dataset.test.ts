/**
 * Loading user files in the worker: progress events while decompressing and parsing, and a cancel that leaves the
 * dataset loaded before in place.
 */
import { describe, expect, it } from 'vitest';
import { isLoadCancelled } from '../../data/loadProgress';
import { gzipBytes, makeIdxPair } from '../../data/testFiles';
import { syntheticData } from '../../engine/testing';
import { createContext, type WorkerContext } from '../context';
import type { FilePayload, WorkerEvent } from '../protocol';
import { datasetHandlers, summarize } from './dataset';

function setup(): { ctx: WorkerContext; events: WorkerEvent[] } {
  const events: WorkerEvent[] = [];
  const ctx = createContext((ev) => events.push(ev));
  const { dataset, split } = syntheticData(40, 4, 8);
  ctx.data = { dataset, split, summary: summarize(dataset, split, []) };
  return { ctx, events };
}

async function gzFiles(n: number): Promise<FilePayload[]> {
  const { images, labels } = makeIdxPair(n, 28, 28);
  const buf = (b: Uint8Array): ArrayBuffer => b.slice().buffer;
  return [
    { name: 'imgs.gz', bytes: buf(await gzipBytes(images)) },
    { name: 'lbls.gz', bytes: buf(await gzipBytes(labels)) },
  ];
}

const files = (req: { files: FilePayload[] }, ctx: WorkerContext) => datasetHandlers['dataset/files']!({ type: 'dataset/files', id: 1, ...req }, ctx);
const cancel = (ctx: WorkerContext) => datasetHandlers['dataset/cancel']!({ type: 'dataset/cancel', id: 2 }, ctx);

describe('dataset/files', () => {
  it('posts decompression and parse progress, then the new dataset', async () => {
    const { ctx, events } = setup();
    const out = await files({ files: await gzFiles(300) }, ctx);
    expect(out).toMatchObject({ summary: { n: 300, files: ['imgs.gz', 'lbls.gz'] } });
    const stages = events.flatMap((e) => (e.type === 'dataset/progress' ? [`${e.progress.stage}:${e.progress.file}`] : []));
    expect(stages[0]).toBe('unzip:imgs.gz');
    expect(stages).toContain('unzip:lbls.gz');
    expect(stages.at(-1)).toBe('parse:imgs.gz, lbls.gz');
    expect(events.at(-1)?.type).toBe('dataset');
    expect(ctx.data?.dataset.n).toBe(300);
  });

  it('a cancel fails the load with LoadCancelled and keeps the dataset loaded before', async () => {
    const { ctx, events } = setup();
    const before = ctx.data;
    const load = files({ files: await gzFiles(300) }, ctx);
    expect(await cancel(ctx)).toEqual({ cancelled: true });
    await expect(load).rejects.toSatisfy(isLoadCancelled);
    expect(ctx.data).toBe(before);
    expect(events.some((e) => e.type === 'dataset')).toBe(false);
    expect(await cancel(ctx)).toEqual({ cancelled: false }); // nothing left to cancel
  });
});
