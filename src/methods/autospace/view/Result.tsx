/**
 * The AutoSpace-style part of a finished record (below the common record card): the learned search space (each slot's
 * top-K cells as glyphs) and the payoff — both spaces' fronts, their hypervolumes, the verdict and every network in a
 * table. The record may come from storage or a file, so only fields that pass a shape check are shown.
 */
import { z } from 'zod';
import type { ResultRecord } from '../../../core/method/resultRecord';
import { Hint } from '../../../ui/common/Hint';
import { SvgChart } from '../../../viz/SvgChart';
import type { PayoffState } from '../snapshot';
import { describeCell, edgeLabel, glyphGeometry } from './cellGlyph';
import { CHART_HINTS } from './hints';
import { costText, slotLabel } from './liveBuffer';
import { drawPayoffFronts, paretoFront, verdict } from './payoffFronts';
import { downloadFiles } from '../../../ui/common/download';
import { makeSpaceFile, serializeSpaceFile } from '../../../core/space/spaceFile';

/** The learned space as a versioned space file (the one `search --method padnas --space FILE` reads). */
function downloadSpace(record: ResultRecord, slots: string[][]): Promise<void> {
  const s = record.card.settings;
  const file = makeSpaceFile({
    width: Number(s.width),
    tiny: Boolean(s.tiny),
    slots,
    createdBy: { method: 'autospace', seed: Number(s.seed ?? record.card.seed), preset: typeof s.preset === 'string' ? s.preset : 'custom', ...(record.card.url ? { command: record.card.url } : {}) },
  });
  return downloadFiles([{ name: `${record.runId}.space.json`, data: serializeSpaceFile(file), type: 'application/json' }]);
}

const point = z.looseObject({ genotype: z.array(z.string()), valAccuracy: z.number(), cost: z.number(), modelCost: z.number().optional() });
/** The record's payoff (methods/autospace/record `PayoffRecord`): the final payoff state without its stage, and a verdict. */
const payoffSchema = z.looseObject({
  verdict: z.string().optional(),
  unit: z.enum(['ms', 'MMACs']),
  costSource: z.string(),
  modelUnit: z.enum(['ms', 'MMACs']).optional(),
  learned: z.array(point),
  hand: z.array(point),
  hvLearned: z.number().nullable(),
  hvHand: z.number().nullable(),
  hvReference: z.looseObject({ valAccuracy: z.number(), cost: z.number() }).nullable(),
});
const fieldsSchema = z.looseObject({
  /** Each slot's top-K cell names, slot 0 first. */
  learnedSpace: z.array(z.array(z.string())).optional(),
  payoff: payoffSchema.nullable().optional(),
  /** The result network's cells, one per slot, and where it came from. */
  genotype: z.array(z.string()).optional(),
  resultFrom: z.enum(['learned-front', 'fittest-cells']).optional(),
});

export interface AutoSpaceResultFields {
  learnedSpace: string[][] | null;
  payoff: PayoffState | null;
  /** The record's own verdict in words, when it has one. */
  verdictText: string | null;
  genotype: string[] | null;
  resultFrom: 'learned-front' | 'fittest-cells' | null;
}

/** The fields this view shows, or why they cannot be read (pure). */
export function readAutoSpaceFields(record: ResultRecord): { ok: true; fields: AutoSpaceResultFields } | { ok: false; error: string } {
  const r = fieldsSchema.safeParse(record);
  if (!r.success) {
    const i = r.error.issues[0];
    return { ok: false, error: `${i.path.join('.') || 'record'}: ${i.message}` };
  }
  const p = r.data.payoff ?? null;
  const payoff: PayoffState | null = p ? { stage: 'done', unit: p.unit, costSource: p.costSource, ...(p.modelUnit ? { modelUnit: p.modelUnit } : {}), learned: p.learned, hand: p.hand, hvLearned: p.hvLearned, hvHand: p.hvHand, hvReference: p.hvReference } : null;
  return { ok: true, fields: { learnedSpace: r.data.learnedSpace ?? null, payoff, verdictText: p?.verdict ?? null, genotype: r.data.genotype ?? null, resultFrom: r.data.resultFrom ?? null } };
}

/** A cell's glyph as static SVG (the same geometry the live board draws). */
export function CellGlyphSvg({ name, width = 96, height = 56 }: { name: string; width?: number; height?: number }) {
  const g = glyphGeometry(name, width, height);
  const long = width >= 96;
  return (
    <svg className="cell-glyph" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${name}: ${describeCell(name)}`} data-cell={name}>
      <title>{`${name}\n${describeCell(name)}`}</title>
      {g ? (
        <>
          {g.edges.map((e) => (
            <path key={e.index} className={`edge op-${e.op}`} d={e.path} />
          ))}
          {g.nodes.map((n) => (
            <circle key={n.id} className={`node${n.live ? '' : ' dead'}`} cx={n.x} cy={n.y} r={long ? 3.5 : 2.5} />
          ))}
          {g.edges.map((e) => {
            const text = edgeLabel(e.op, long);
            const fs = long ? 9 : 7.5;
            return (
              <g key={e.index} transform={`translate(${e.lx},${e.ly})`}>
                <rect className="label-bg" x={-(text.length * fs * 0.32 + 1.5)} y={-fs * 0.55} width={text.length * fs * 0.64 + 3} height={fs * 1.1} rx={2} />
                <text className={`label op-${e.op}`} y={fs * 0.35} textAnchor="middle" fontSize={fs}>
                  {text}
                </text>
              </g>
            );
          })}
          <text className="glyph-e" x={1} y={10} fontSize={9}>
            e{g.e}
          </text>
        </>
      ) : (
        <text x={width / 2} y={height / 2} textAnchor="middle">
          ?
        </text>
      )}
    </svg>
  );
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

function PayoffTable({ p }: { p: PayoffState }) {
  const rows = [
    ...p.learned.map((q) => ({ q, space: 'learned', front: paretoFront(p.learned).includes(q) })),
    ...p.hand.map((q) => ({ q, space: 'hand-designed', front: paretoFront(p.hand).includes(q) })),
  ];
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="as-payoff-table">
        <caption>Every network of the payoff, trained stand-alone with one recipe</caption>
        <thead>
          <tr>
            <th scope="col">Space</th>
            <th scope="col">Network (one op per slot)</th>
            <th scope="col">{p.modelUnit ? 'Latency measured here' : 'Cost'}</th>
            {p.modelUnit && <th scope="col">{p.modelUnit === 'ms' ? 'Predicted latency' : 'MACs'} (cost model)</th>}
            <th scope="col">Val accuracy</th>
            <th scope="col">On its front</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ q, space, front }, i) => (
            <tr key={i}>
              <td>{space}</td>
              <td>
                <code>{q.genotype.join(' · ')}</code>
              </td>
              <td>{costText(q.cost, p.unit)}</td>
              {p.modelUnit && <td>{q.modelCost === undefined ? '' : costText(q.modelCost, p.modelUnit)}</td>}
              <td>{pct(q.valAccuracy)}</td>
              <td>{front ? 'yes' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Result({ record }: { record: ResultRecord }) {
  const r = readAutoSpaceFields(record);
  if (!r.ok) return <p className="small">This record&apos;s AutoSpace-style fields cannot be read ({r.error}).</p>;
  const { learnedSpace, payoff, verdictText, genotype, resultFrom } = r.fields;
  const v = verdict(payoff);
  const said = verdictText ? `Verdict: ${verdictText}.` : v.text;
  return (
    <section className="panel autospace-result" aria-label="AutoSpace-style result" data-testid="autospace-result">
      <div className="panel-head">
        <h2>
          Learned search space <span className="as-badge">AutoSpace-style</span>
        </h2>
        <Hint label="Learned search space">{CHART_HINTS.result}</Hint>
      </div>
      {learnedSpace ? (
        <div className="as-space" data-testid="as-learned-space">
          {learnedSpace.map((cells, slot) => (
            <div key={slot} className="as-space-row">
              <span className="as-space-slot">{slotLabel(slot)}</span>
              {cells.map((name) => (
                <figure key={name} className="as-space-cell">
                  <CellGlyphSvg name={name} />
                  <figcaption>
                    <code>{name}</code>
                  </figcaption>
                </figure>
              ))}
            </div>
          ))}
        </div>
      ) : (
        <p className="small muted">This record does not list the learned space.</p>
      )}
      {learnedSpace && (
        <p className="small">
          <button type="button" onClick={() => void downloadSpace(record, learnedSpace).catch(() => undefined)}>
            Download the learned space (.space.json)
          </button>{' '}
          <span className="muted">a versioned file: run PAD-NAS in it with <code>npm run cli -- search --method padnas --space FILE</code>.</span>
        </p>
      )}
      <div data-lesson="payoff">
        <div className="panel-head">
          <h3>Payoff: learned vs hand-designed space</h3>
          <Hint label="Payoff: learned vs hand-designed space">{CHART_HINTS.payoff}</Hint>
        </div>
        {payoff && payoff.learned.length + payoff.hand.length > 0 && (
          <SvgChart
            draw={(svg, w, h) => void drawPayoffFronts(svg, payoff, { width: w, height: h, duration: 0 })}
            deps={[payoff]}
            height={300}
            label={`Scatter of both spaces' networks, validation accuracy against cost, with their Pareto fronts. ${v.text}`}
            testId="as-result-payoff"
          />
        )}
        <p className={`as-verdict verdict-${v.kind}`} data-testid="as-result-verdict">
          {payoff ? said : 'The payoff was not run (it was switched off).'}
        </p>
        {payoff && payoff.learned.length + payoff.hand.length > 0 && <PayoffTable p={payoff} />}
      </div>
      {genotype && (
        <p className="small" data-testid="as-result-genotype">
          Result network ({resultFrom === 'fittest-cells' ? 'each slot’s fittest cell: no payoff was run' : 'the learned front’s best on validation'}, retrained from scratch):{' '}
          <code>{genotype.map((cell, i) => `${slotLabel(i)} ${cell}`).join(' · ')}</code>
        </p>
      )}
    </section>
  );
}
