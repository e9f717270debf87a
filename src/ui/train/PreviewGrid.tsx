import { useEffect, useRef } from 'react';
import type { DatasetPreview } from '../../worker/protocol';
import { drawImageGrid } from '../../viz/imageGrid';

/** Sample images with their labels, drawn on a canvas (re-drawn when the theme changes). */
export function PreviewGrid({ preview, classNames }: { preview: DatasetPreview; classNames?: string[] }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const draw = () => {
      const css = getComputedStyle(canvas);
      drawImageGrid(canvas, preview, {
        columns: 8,
        cell: 32,
        labelHeight: classNames ? 14 : 15,
        background: css.getPropertyValue('--surface-2').trim() || '#eee',
        foreground: css.getPropertyValue('--text-muted').trim() || '#555',
        labelNames: classNames,
      });
    };
    draw();
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const obs = new MutationObserver(draw);
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    mq.addEventListener('change', draw);
    return () => {
      obs.disconnect();
      mq.removeEventListener('change', draw);
    };
  }, [preview, classNames]);
  const labels = Array.from(preview.labels.slice(0, preview.count), (l) => classNames?.[l] ?? String(l));
  return <canvas ref={ref} className="preview-grid" role="img" aria-label={`${preview.count} sample images with labels: ${labels.join(', ')}`} data-testid="preview-grid" />;
}
