/** An ArchSpec as a small block diagram: one box per layer, width by output channels, labelled with its op. */
import type { ArchSpec, LayerSpec } from '../../core/archspec';
import { cellName } from '../../core/space/cell';

function label(l: LayerSpec): string {
  switch (l.type) {
    case 'conv':
      return `conv ${l.k}×${l.k}${l.stride > 1 ? ` /${l.stride}` : ''} → ${l.cout}`;
    case 'mb':
      return `MB ${l.branches.map((b) => `k${b.k}:${b.hidden}`).join('+')}${l.stride > 1 ? ` /${l.stride}` : ''} → ${l.cout}${l.residual ? ' +' : ''}`;
    case 'cell': {
      // The cell's own name (c{e}-{edges}) when the expansion is a whole ratio, else its hidden width.
      const e = l.hidden / l.cin;
      const name = Number.isInteger(e) ? cellName({ e, edges: l.edges }) : `h${l.hidden}-${cellName({ e: 0, edges: l.edges }).slice(3)}`;
      return `cell ${name}${l.stride > 1 ? ` /${l.stride}` : ''} → ${l.cout}${l.residual ? ' +' : ''}`;
    }
    case 'sepconv':
      return `sep ${l.k}×${l.k}${l.stride > 1 ? ` /${l.stride}` : ''} → ${l.cout}`;
    case 'chainconv':
      return `conv ${l.k}×${l.k}${l.stride > 1 ? ` /${l.stride}` : ''} → ${l.cout}`;
    case 'skip':
      return 'skip';
    case 'gap':
      return 'global avg pool';
    case 'dense':
      return `dense → ${l.cout}`;
  }
}

const COLOURS: Record<LayerSpec['type'], string> = {
  conv: '#4e79a7', mb: '#f28e2b', cell: '#b07aa1', sepconv: '#59a14f', chainconv: '#76b7b2', skip: '#bab0ac', gap: '#9c755f', dense: '#e15759',
};

export function ArchDiagram({ spec }: { spec: ArchSpec }) {
  const maxC = Math.max(1, ...spec.layers.map((l) => ('cout' in l ? l.cout : 1)));
  const rowH = 16;
  const h = (spec.layers.length + 1) * rowH + 4;
  return (
    <svg className="arch-diagram" width={240} height={h} role="img" aria-label={`Block diagram of ${spec.name}`} data-testid="arch-diagram">
      <text x={2} y={12} fontSize={11} fill="currentColor">
        input {spec.input.height}×{spec.input.width}×{spec.input.channels}
      </text>
      {spec.layers.map((l, i) => {
        const c = 'cout' in l ? l.cout : maxC / 4;
        const bw = 30 + (60 * c) / maxC;
        return (
          <g key={i} transform={`translate(0,${(i + 1) * rowH})`}>
            <rect x={2} y={2} width={bw} height={rowH - 4} rx={3} fill={COLOURS[l.type]} />
            <text x={bw + 8} y={rowH - 4} fontSize={11} fill="currentColor">
              {label(l)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
