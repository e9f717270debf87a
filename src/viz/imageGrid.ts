/**
 * Draws sample images (NHWC uint8, 1 or 3 channels) as a grid on a canvas, each with its label underneath.
 */

export interface ImageBatch {
  count: number;
  height: number;
  width: number;
  channels: number;
  images: Uint8Array;
  labels: Uint8Array;
}

export interface GridOptions {
  columns: number;
  /** Pixel size of each image cell (images are scaled to fit, nearest neighbour). */
  cell: number;
  labelHeight: number;
  background: string;
  foreground: string;
  /** Optional names for label ids (e.g. CIFAR classes). */
  labelNames?: readonly string[];
}

/** Canvas size needed for `count` images with these options. */
export function gridSize(count: number, o: Pick<GridOptions, 'columns' | 'cell' | 'labelHeight'>): { width: number; height: number } {
  const cols = Math.min(o.columns, Math.max(1, count));
  const rows = Math.ceil(count / o.columns);
  return { width: cols * (o.cell + 4), height: rows * (o.cell + o.labelHeight + 4) };
}

/** Convert one NHWC image to RGBA pixels. */
export function toRgba(batch: ImageBatch, index: number): Uint8ClampedArray<ArrayBuffer> {
  const { height: h, width: w, channels: c } = batch;
  const out = new Uint8ClampedArray(h * w * 4);
  const base = index * h * w * c;
  for (let p = 0; p < h * w; p++) {
    const src = base + p * c;
    const r = batch.images[src];
    out[p * 4] = r;
    out[p * 4 + 1] = c >= 3 ? batch.images[src + 1] : r;
    out[p * 4 + 2] = c >= 3 ? batch.images[src + 2] : r;
    out[p * 4 + 3] = 255;
  }
  return out;
}

/** Draw the batch into `canvas` (resizes it, honouring devicePixelRatio for crisp labels). */
export function drawImageGrid(canvas: HTMLCanvasElement, batch: ImageBatch, o: GridOptions): void {
  const { width, height } = gridSize(batch.count, o);
  const dpr = typeof devicePixelRatio === 'number' ? Math.max(1, devicePixelRatio) : 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = o.background;
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingEnabled = false;
  const tile = document.createElement('canvas');
  tile.width = batch.width;
  tile.height = batch.height;
  const tctx = tile.getContext('2d');
  if (!tctx) return;
  ctx.font = `${Math.max(10, o.labelHeight - 4)}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let i = 0; i < batch.count; i++) {
    const col = i % o.columns;
    const row = Math.floor(i / o.columns);
    const x = col * (o.cell + 4) + 2;
    const y = row * (o.cell + o.labelHeight + 4) + 2;
    tctx.putImageData(new ImageData(toRgba(batch, i), batch.width, batch.height), 0, 0);
    ctx.drawImage(tile, x, y, o.cell, o.cell);
    ctx.fillStyle = o.foreground;
    const label = batch.labels[i];
    ctx.fillText(o.labelNames?.[label] ?? String(label), x + o.cell / 2, y + o.cell + 2);
  }
}
