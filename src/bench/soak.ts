/**
 * The soak's verdicts (issue 16 §9): do tensor count, GPU buffer pool and JS heap stay flat over a long run? Pure: the
 * readings come from src/bench/soakBench.ts (in the page) and every derived number is computed here, so the figures can
 * be re-derived from the raw section of a result file.
 *
 * Part A (fixed network, many steps): every reading after warm-up stays within `bound` (10 %) of the reading at the
 * warm-up step. Part B (AtomNAS search): every shrink replaces the searched tensors by smaller ones, so "flat" cannot
 * mean "equal to warm-up"; see searchFlatness: memory must not ratchet up from one shrink to the next, and must stay
 * flat while an architecture is fixed; after the run is disposed the tensor count is back where it started.
 */

/** What one reading holds; null where this backend or browser has no such counter. */
export interface SoakCounters {
  /** tf.memory().numTensors (the engine's cached constant scalars included: they are created once). */
  numTensors: number;
  /** tf.memory().numBytes: bytes of all live tensors. */
  numBytes: number;
  /** Backend data buffers (backend.numDataIds()). */
  dataIds: number | null;
  /** WebGPU buffer manager: buffers in use + buffers kept in the free pool. */
  gpuBuffers: number | null;
  /** WebGPU buffer manager: bytes allocated (in use + pooled). */
  gpuBytes: number | null;
  /** WebGPU buffer manager: bytes in use. */
  gpuUsedBytes: number | null;
  /** performance.memory.usedJSHeapSize right after a forced full GC (null where gc() or performance.memory is missing). */
  heapBytes: number | null;
}

export interface SoakSample extends SoakCounters {
  /** Training steps done when the reading was taken (0 = before the first step). */
  step: number;
  /** Milliseconds since the run started. */
  atMs: number;
  /** Search only: the network's MACs at this reading. */
  macs?: number;
  /** Search only: the number of shrink events so far. */
  events?: number;
  /** The engine's cached constant scalars at this reading (engine/scalars: created once on first use, never a leak). */
  constScalars?: number;
}

/** The counters the verdicts look at, with the words the table uses. */
export const SOAK_COUNTERS = [
  { key: 'numTensors', label: 'tensors (tf.memory)', unit: 'count' },
  { key: 'numBytes', label: 'tensor bytes (tf.memory)', unit: 'bytes' },
  { key: 'gpuBuffers', label: 'GPU buffer pool, buffers (used + free)', unit: 'count' },
  { key: 'gpuBytes', label: 'GPU buffer pool, bytes allocated', unit: 'bytes' },
  { key: 'heapBytes', label: 'JS heap after GC', unit: 'bytes' },
] as const satisfies readonly { key: keyof SoakCounters; label: string; unit: 'count' | 'bytes' }[];

export type SoakCounterKey = (typeof SOAK_COUNTERS)[number]['key'];

/** Part A, one counter: the reading at warm-up, the largest after it, the last one, and the drifts against warm-up. */
export interface CounterDrift {
  key: SoakCounterKey;
  warm: number | null;
  max: number | null;
  /** Step of the largest reading. */
  maxStep: number | null;
  end: number | null;
  /** (max − warm) / warm, in %. */
  maxDriftPct: number | null;
  /** (end − warm) / warm, in %. */
  endDriftPct: number | null;
  /** max ≤ warm·(1 + bound); null when the counter is missing. */
  pass: boolean | null;
}

const pct = (v: number, ref: number): number => (ref === 0 ? (v === 0 ? 0 : Infinity) : ((v - ref) / ref) * 100);

/** Part A: drift of every counter from the reading at `warmupStep` (the first reading at or after it) to the end. */
export function soakDrift(samples: readonly SoakSample[], warmupStep: number, bound = 0.1): CounterDrift[] {
  const after = samples.filter((s) => s.step >= warmupStep);
  return SOAK_COUNTERS.map(({ key }) => {
    const vals = after.map((s) => ({ step: s.step, v: s[key] })).filter((x): x is { step: number; v: number } => x.v !== null);
    if (vals.length === 0) return { key, warm: null, max: null, maxStep: null, end: null, maxDriftPct: null, endDriftPct: null, pass: null };
    const warm = vals[0].v;
    const top = vals.reduce((a, b) => (b.v > a.v ? b : a));
    const end = vals[vals.length - 1].v;
    return { key, warm, max: top.v, maxStep: top.step, end, maxDriftPct: pct(top.v, warm), endDriftPct: pct(end, warm), pass: top.v <= warm * (1 + bound) };
  });
}

/** One stretch of a search between shrinks (fixed architecture): its first, largest and last reading. */
export interface SearchStretch {
  /** Shrink events before this stretch (0 = the supernet). */
  events: number;
  fromStep: number;
  toStep: number;
  /** The first reading (right after the shrink that started the stretch). */
  level: number;
  /** The largest reading while this architecture was live. */
  peak: number;
  end: number;
  /** peak ≤ level·(1 + bound): flat while the architecture is fixed (not required of the GPU pool: see searchFlatness). */
  flat: boolean;
  /** peak ≤ (largest earlier peak)·(1 + bound); true for the first stretch. */
  notAboveEarlier: boolean;
}

export interface SearchFlatness {
  key: SoakCounterKey;
  stretches: SearchStretch[];
  /** Whether the within-stretch check applies to this counter (not to the GPU pool). */
  withinChecked: boolean;
  /** Every check passed; null when the counter is missing. */
  pass: boolean | null;
  /** Largest growth within a stretch over its first reading, and of a stretch's peak over the largest earlier peak, in %. */
  worstWithinPct: number | null;
  worstAcrossPct: number | null;
}

/** The GPU pool grows within a stretch by design: the new shapes' first training step and first validation allocate. */
const POOL_KEYS: readonly SoakCounterKey[] = ['gpuBuffers', 'gpuBytes'];

/**
 * Part B: split the readings (taken from `fromStep` on, each tagged with the shrink events so far) into stretches of
 * fixed architecture. Flat means: (1) across shrinks, no stretch's peak is above the largest peak before it plus the
 * bound (memory does not ratchet up from one event to the next, although each event changes every shape); (2) within
 * a stretch, no reading is above the stretch's first reading plus the bound, for every counter but the GPU pool (whose
 * buffers for the new shapes are only allocated by the first step and the first validation after the shrink).
 */
export function searchFlatness(samples: readonly SoakSample[], fromStep: number, bound = 0.1): SearchFlatness[] {
  const used = samples.filter((s) => s.step >= fromStep && s.events !== undefined);
  return SOAK_COUNTERS.map(({ key }) => {
    const withinChecked = !POOL_KEYS.includes(key);
    const stretches: SearchStretch[] = [];
    for (const s of used) {
      const v = s[key];
      if (v === null) continue;
      const last = stretches[stretches.length - 1];
      if (!last || last.events !== s.events) {
        stretches.push({ events: s.events ?? 0, fromStep: s.step, toStep: s.step, level: v, peak: v, end: v, flat: true, notAboveEarlier: true });
      } else {
        last.toStep = s.step;
        last.end = v;
        last.peak = Math.max(last.peak, v);
        last.flat = last.peak <= last.level * (1 + bound);
      }
    }
    let earlier = -Infinity;
    let worstAcross: number | null = null;
    for (const t of stretches) {
      if (Number.isFinite(earlier)) {
        t.notAboveEarlier = t.peak <= earlier * (1 + bound);
        const g = pct(t.peak, earlier);
        worstAcross = worstAcross === null ? g : Math.max(worstAcross, g);
      }
      earlier = Math.max(earlier, t.peak);
    }
    if (stretches.length === 0) return { key, stretches, withinChecked, pass: null, worstWithinPct: null, worstAcrossPct: null };
    const within = Math.max(...stretches.map((t) => pct(t.peak, t.level)));
    const pass = stretches.every((t) => t.notAboveEarlier && (!withinChecked || t.flat));
    return { key, stretches, withinChecked, pass, worstWithinPct: within, worstAcrossPct: worstAcross };
  });
}

// ---- table rows -------------------------------------------------------------------------------------------------

/** The raw shapes the rows read (soakBench.ts's, narrowed to what is used here, so this file stays free of tfjs). */
export interface SoakRowsInput {
  forcedGc: boolean;
  /** Heap snapshots taken by the driver (CDP) during part A, at warm-up and at the last reading before the end. */
  heapSnapshots?: HeapSummary[];
  train: {
    spec: { name: string; macs: number; layers: string };
    input: string;
    batch: number;
    steps: number;
    warmup: number;
    samples: SoakSample[];
    afterDispose: SoakSample;
    stepMs: number[];
    totalMs: number;
  };
  search: {
    settings: { width: number; kernels: number[]; batchSize: number; epochs: number; shrinkEvery: number; rho: number; emaDecay: number };
    input: string;
    supernet: { macs: number };
    final: { macs: number };
    steps: number;
    events: { step: number }[];
    samples: SoakSample[];
    afterDispose: SoakSample;
    totalMs: number;
  } | null;
  searchError?: string;
}

/** The 10 % of the issue. */
export const SOAK_BOUND = 0.1;

/** A counter's value in the table's words: MiB for bytes, a plain number for counts. */
export function soakValueText(key: SoakCounterKey, v: number | null): string {
  if (v === null) return '–';
  const unit = SOAK_COUNTERS.find((c) => c.key === key)?.unit;
  return unit === 'bytes' ? `${(v / 2 ** 20).toFixed(2)} MiB` : String(v);
}

const signed = (p: number | null): string => (p === null ? '–' : `${p >= 0 ? '+' : ''}${p.toFixed(1)} %`);

function medianOf(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * One row per counter for each part, and one for the tensors left after each part is disposed. `command` is the
 * command that reproduces the figure; `backend` the backend it ran on.
 */
export function soakRows(raw: SoakRowsInput, backend: string, command: string): {
  figure: 'soak';
  name: string;
  value: number | null;
  unit: string;
  goal?: string;
  pass: boolean | null;
  detail: string;
  backend: string;
  command: string;
}[] {
  const rows: ReturnType<typeof soakRows> = [];
  const t = raw.train;
  const minutes = (ms: number): string => `${(ms / 60_000).toFixed(1)} min`;
  const trainCtx = `${t.steps} steps of ${t.spec.name} [${t.spec.layers}], ${t.input}, batch ${t.batch}, in ${minutes(t.totalMs)} (median ${medianOf(t.stepMs).toFixed(0)} ms/step)`;
  for (const d of soakDrift(t.samples, t.warmup, SOAK_BOUND)) {
    const c = SOAK_COUNTERS.find((x) => x.key === d.key);
    if (!c) continue;
    const heapNote = d.key === 'heapBytes' ? (raw.forcedGc ? '; each reading right after a forced full GC' : '; no reading: gc() not exposed') : '';
    rows.push({
      figure: 'soak',
      name: `Soak: ${c.label}, largest drift over warm-up`,
      value: d.maxDriftPct !== null && Number.isFinite(d.maxDriftPct) ? d.maxDriftPct : null,
      unit: '%',
      goal: '≤ 10 %',
      pass: d.pass,
      detail: `warm-up (step ${t.warmup}) ${soakValueText(d.key, d.warm)}, max ${soakValueText(d.key, d.max)} (step ${d.maxStep ?? '–'}), end ${soakValueText(d.key, d.end)} (${signed(d.endDriftPct)}); ${trainCtx}${heapNote}`,
      backend,
      command,
    });
  }
  const snaps = raw.heapSnapshots ?? [];
  if (snaps.length >= 2) {
    const [h0, h1] = [snaps[0], snaps[snaps.length - 1]];
    const [a, b] = [heapWithoutCode(h0), heapWithoutCode(h1)];
    const drift = pct(b, a);
    const mib = (v: number): string => `${(v / 2 ** 20).toFixed(2)} MiB`;
    const codeGrowth = (h1.byType.code ?? 0) - (h0.byType.code ?? 0);
    const objects = (h: HeapSummary): number => (h.byType.object ?? 0) + (h.byType.array ?? 0) + (h.byType.closure ?? 0);
    rows.push({
      figure: 'soak',
      name: 'Soak: JS heap without compiled code (heap snapshots), drift over warm-up',
      value: Number.isFinite(drift) ? drift : null,
      unit: '%',
      goal: '≤ 10 %',
      pass: b <= a * (1 + SOAK_BOUND),
      detail:
        `heap snapshot at step ${h0.step} ${mib(a)} → step ${h1.step} ${mib(b)}; JS objects + arrays + closures ${mib(objects(h0))} → ${mib(objects(h1))}; ` +
        `V8 compiled code ${mib(h0.byType.code ?? 0)} → ${mib(h1.byType.code ?? 0)} (${codeGrowth >= 0 ? '+' : ''}${(codeGrowth / 1024).toFixed(0)} KiB: functions optimised as the run goes on, not data); ` +
        `whole snapshot ${mib(h0.totalBytes)} → ${mib(h1.totalBytes)}`,
      backend,
      command,
    });
  }
  // Tensors other than the engine's cached constants (engine/testing's liveTensors).
  const live = (r: SoakSample): number => r.numTensors - (r.constScalars ?? 0);
  const left = (before: SoakSample, after: SoakSample): number => live(after) - live(before);
  rows.push({
    figure: 'soak',
    name: 'Soak: tensors left after the training run is disposed',
    value: left(t.samples[0], t.afterDispose),
    unit: 'count',
    goal: '0',
    pass: left(t.samples[0], t.afterDispose) === 0,
    detail: `${live(t.samples[0])} before the network was built, ${live(t.afterDispose)} after trainer and network were disposed (not counting the engine's ${t.afterDispose.constScalars ?? '?'} cached constant scalars)`,
    backend,
    command,
  });
  const s = raw.search;
  if (!s) {
    if (raw.searchError) rows.push({ figure: 'soak', name: 'Soak: AtomNAS search', value: null, unit: '', pass: false, detail: `failed: ${raw.searchError}`, backend, command });
    return rows;
  }
  const st = s.settings;
  const searchCtx =
    `AtomNAS tiny preset on ${s.input}, width ×${st.width}, kernels ${st.kernels.join('/')}, batch ${st.batchSize}, ${st.epochs} epochs = ${s.steps} steps, ` +
    `shrink check every ${st.shrinkEvery}, ρ ${st.rho}, EMA ${st.emaDecay}; ${s.events.length} shrinks (steps ${s.events.map((e) => e.step).join(', ') || '–'}), ` +
    `MACs ${(s.supernet.macs / 1e6).toFixed(4)} M → ${(s.final.macs / 1e6).toFixed(4)} M; ${minutes(s.totalMs)}`;
  // From step 1: the supernet's first step creates the optimizer slots and the cached constants.
  for (const f of searchFlatness(s.samples, 1, SOAK_BOUND)) {
    const c = SOAK_COUNTERS.find((x) => x.key === f.key);
    if (!c) continue;
    const worst = f.worstWithinPct === null ? null : Math.max(f.withinChecked ? f.worstWithinPct : -Infinity, f.worstAcrossPct ?? -Infinity);
    const peaks = f.stretches.map((x) => soakValueText(f.key, x.peak)).join(' → ');
    const within = f.withinChecked
      ? `largest growth while the architecture is fixed ${signed(f.worstWithinPct)} over the reading right after its shrink`
      : `within a stretch ${signed(f.worstWithinPct)} (not checked: the new shapes' buffers are allocated by the first step and validation after a shrink)`;
    rows.push({
      figure: 'soak',
      name: `Soak, AtomNAS search: ${c.label}, largest growth over earlier shrinks${f.withinChecked ? ' or within one' : ''}`,
      value: worst !== null && Number.isFinite(worst) ? worst : null,
      unit: '%',
      goal: '≤ 10 %',
      pass: f.pass,
      detail:
        `peak with 0…${f.stretches.length - 1} shrinks done: ${peaks}; largest peak over the largest earlier one ${signed(f.worstAcrossPct)}; ${within} ` +
        `(flat here = memory does not ratchet up from one shrink to the next, as shrinks make every tensor smaller); ${searchCtx}`,
      backend,
      command,
    });
  }
  rows.push({
    figure: 'soak',
    name: 'Soak, AtomNAS search: tensors left after the run is disposed',
    value: left(s.samples[0], s.afterDispose),
    unit: 'count',
    goal: '0',
    pass: left(s.samples[0], s.afterDispose) === 0,
    detail: `${live(s.samples[0])} before createRun, ${live(s.afterDispose)} after finish() and dispose() (not counting the engine's ${s.afterDispose.constScalars ?? '?'} cached constant scalars)`,
    backend,
    command,
  });
  return rows;
}

// ---- heap snapshots ---------------------------------------------------------------------------------------------

/** What the soak keeps of a V8 heap snapshot (DevTools format): the total self size and the self size per node type. */
export interface HeapSummary {
  step: number;
  totalBytes: number;
  /** Self size of every node type ('object', 'array', 'closure', 'string', 'native', 'code', …). */
  byType: Record<string, number>;
}

/** Summarise a heap snapshot (the JSON of `HeapProfiler.takeHeapSnapshot`): self sizes per node type. */
export function summariseHeapSnapshot(snapshot: unknown, step: number): HeapSummary {
  const s = snapshot as { snapshot?: { meta?: { node_fields?: string[]; node_types?: unknown[] } }; nodes?: number[] };
  const fields = s.snapshot?.meta?.node_fields;
  const types = s.snapshot?.meta?.node_types?.[0];
  const nodes = s.nodes;
  if (!Array.isArray(fields) || !Array.isArray(types) || !Array.isArray(nodes)) throw new Error('not a V8 heap snapshot');
  const nf = fields.length;
  const ti = fields.indexOf('type');
  const si = fields.indexOf('self_size');
  const byType: Record<string, number> = {};
  let totalBytes = 0;
  for (let i = 0; i < nodes.length; i += nf) {
    const t = String(types[nodes[i + ti]]);
    const size = nodes[i + si];
    byType[t] = (byType[t] ?? 0) + size;
    totalBytes += size;
  }
  return { step, totalBytes, byType };
}

/** Bytes of a summary without V8's compiled code (type 'code': optimised functions, their deopt and relocation data). */
export function heapWithoutCode(h: HeapSummary): number {
  return h.totalBytes - (h.byType.code ?? 0);
}
