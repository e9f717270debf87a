/**
 * The per-slot population board: one row per slot, one card per cell (best fitness first) with the cell's DAG glyph,
 * its fitness bar, and this iteration's tournament picks outlined with their softmax(α) weight. Cards are keyed by
 * cell name, so a cell that climbs or falls moves to its new place, a new cell fades in and a dropped one fades out.
 */
import * as d3 from 'd3';
import type { SlotState } from '../snapshot';
import { describeCell, drawCellGlyph } from './cellGlyph';
import { slotLabel } from './liveBuffer';

export interface BoardOptions {
  width: number;
  /** Show only this slot, with larger glyphs (null: every slot). */
  only: number | null;
  /** The last finished iteration: cells born in it (added by its mutations) get a dot. */
  iteration: number;
  /** Move / fade time, ms (0: reduced motion). */
  duration: number;
}

export interface BoardCard {
  key: string;
  slot: number;
  name: string;
  fitness: number;
  /** Fitness as a fraction of the slot's range, [0, 1]. */
  bar: number;
  reference: boolean;
  born: boolean;
  /** Index among the tournament picks, or -1. */
  pick: number;
  weight: number;
  x: number;
  y: number;
}

export interface BoardRow {
  slot: number;
  y: number;
  cards: BoardCard[];
}

export interface BoardLayout {
  rows: BoardRow[];
  height: number;
  cardW: number;
  cardH: number;
  glyphH: number;
}

const LABEL_W = 40;
const GAP = 10;

/** Where every card goes (pure): cells sorted by fitness (ties by name), wrapped to the width. */
export function boardLayout(slots: readonly SlotState[], o: Pick<BoardOptions, 'width' | 'only' | 'iteration'>): BoardLayout {
  const zoom = o.only !== null;
  const cardW = zoom ? 132 : 84;
  const glyphH = zoom ? 72 : 46;
  const cardH = glyphH + 30;
  const cols = Math.max(1, Math.floor((Math.max(200, o.width) - LABEL_W) / cardW));
  let y = 0;
  const rows: BoardRow[] = [];
  for (const s of slots) {
    if (o.only !== null && s.slot !== o.only) continue;
    const fits = s.cells.map((c) => c.fitness).filter(Number.isFinite);
    const lo = Math.min(0, ...fits);
    const hi = Math.max(lo, ...fits);
    const sorted = s.cells.slice().sort((a, b) => b.fitness - a.fitness || (a.name < b.name ? -1 : 1));
    const cards = sorted.map((c, i): BoardCard => {
      const pick = s.picks.indexOf(c.name);
      return {
        key: `${s.slot}:${c.name}`,
        slot: s.slot,
        name: c.name,
        fitness: c.fitness,
        bar: hi > lo && Number.isFinite(c.fitness) ? (c.fitness - lo) / (hi - lo) : 1,
        reference: c.reference,
        born: c.born > 0 && c.born === o.iteration,
        pick,
        weight: pick >= 0 ? (s.weights[pick] ?? Number.NaN) : Number.NaN,
        x: LABEL_W + (i % cols) * cardW,
        y: Math.floor(i / cols) * cardH,
      };
    });
    rows.push({ slot: s.slot, y, cards });
    y += Math.max(1, Math.ceil(cards.length / cols)) * cardH + GAP;
  }
  return { rows, height: Math.max(cardH, y), cardW, cardH, glyphH };
}

const pct = (v: number) => (Number.isFinite(v) ? `${Math.round(100 * v)}%` : '–');

/** Draw or update the board. */
export function drawPopulationBoard(svg: SVGSVGElement, slots: readonly SlotState[], o: BoardOptions): void {
  const L = boardLayout(slots, o);
  const w = Math.max(200, o.width);
  const h = L.height + 4;
  const root = d3.select(svg).attr('viewBox', `0 0 ${w} ${h}`).attr('width', w).attr('height', h);
  svg.dataset.picks = String(L.rows.reduce((n, r) => n + r.cards.filter((c) => c.pick >= 0).length, 0));
  svg.dataset.cells = String(L.rows.reduce((n, r) => n + r.cards.length, 0));
  const t = d3.transition('board').duration(o.duration);
  const rows = root
    .selectAll<SVGGElement, BoardRow>('g.slot')
    .data(L.rows, (r) => String(r.slot))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'slot');
      g.append('text').attr('class', 'slot-label axis-label').attr('x', 2);
      g.append('line').attr('class', 'slot-rule');
      return g;
    })
    .attr('data-slot', (r) => r.slot)
    .attr('transform', (r) => `translate(0,${r.y + 2})`);
  rows
    .select<SVGTextElement>('text.slot-label')
    .attr('y', L.glyphH / 2 + 4)
    .text((r) => slotLabel(r.slot));
  rows
    .select<SVGLineElement>('line.slot-rule')
    .attr('x1', 0)
    .attr('x2', w)
    .attr('y1', (r) => (r.cards.length ? Math.max(...r.cards.map((c) => c.y)) + L.cardH + GAP / 2 - 2 : 0))
    .attr('y2', (r) => (r.cards.length ? Math.max(...r.cards.map((c) => c.y)) + L.cardH + GAP / 2 - 2 : 0));
  const cw = L.cardW - 6;
  const gw = cw - 8;
  rows.each(function (row) {
    const cards = d3
      .select(this)
      .selectAll<SVGGElement, BoardCard>('g.card')
      .data(row.cards, (c) => c.key)
      .join(
        (enter) => {
          const c = enter.append('g').attr('class', 'card').attr('opacity', 0).attr('transform', (d) => `translate(${d.x},${d.y})`);
          c.append('rect').attr('class', 'card-bg').attr('rx', 5);
          c.append('g').attr('class', 'glyph');
          c.append('rect').attr('class', 'fit-track').attr('rx', 1.5);
          c.append('rect').attr('class', 'fit-bar').attr('rx', 1.5);
          c.append('text').attr('class', 'card-text');
          c.append('text').attr('class', 'ref-mark').attr('text-anchor', 'end');
          c.append('circle').attr('class', 'born-dot').attr('r', 3);
          c.append('title');
          return c;
        },
        (update) => update,
        (exit) => exit.transition(t).attr('opacity', 0).remove(),
      )
      .attr('class', (c) => `card${c.pick >= 0 ? ' pick' : ''}${c.reference ? ' reference' : ''}${c.born ? ' born' : ''}`)
      .attr('data-cell', (c) => c.name)
      .attr('data-pick', (c) => (c.pick >= 0 ? c.pick + 1 : null));
    cards.transition(t).attr('opacity', 1).attr('transform', (c) => `translate(${c.x},${c.y})`);
    cards.select('rect.card-bg').attr('width', cw).attr('height', L.cardH - 6);
    cards.select<SVGGElement>('g.glyph').attr('transform', 'translate(4,2)').each(function (c) {
      drawCellGlyph(d3.select(this), c.name, gw, L.glyphH);
    });
    cards.select('rect.fit-track').attr('x', 4).attr('y', L.glyphH + 4).attr('width', gw).attr('height', 5);
    cards
      .select('rect.fit-bar')
      .attr('x', 4)
      .attr('y', L.glyphH + 4)
      .attr('height', 5)
      .transition(t)
      .attr('width', (c) => Math.max(1, c.bar * gw));
    cards
      .select('text.card-text')
      .attr('x', 4)
      .attr('y', L.glyphH + 20)
      .text((c) => (c.pick >= 0 ? `pick: α ${pct(c.weight)}` : `fit ${d3.format('.3~g')(c.fitness)}`));
    cards.select('text.ref-mark').attr('x', cw - 3).attr('y', 11).text((c) => (c.reference ? '★' : ''));
    cards.select('circle.born-dot').attr('cx', cw - 6).attr('cy', L.glyphH + 16).attr('visibility', (c) => (c.born ? 'visible' : 'hidden'));
    cards.select('title').text(
      (c) =>
        `${slotLabel(c.slot)} ${c.name}${c.reference ? ' (reference cell, never dropped)' : ''}\n${describeCell(c.name)}\nfitness ${d3.format('.4~g')(c.fitness)}` +
        (c.pick >= 0 ? `\ntournament pick ${c.pick + 1}: softmax(α) ${pct(c.weight)}` : '') +
        (c.born ? '\njust added (a mutant of a fitter cell)' : ''),
    );
  });
}
