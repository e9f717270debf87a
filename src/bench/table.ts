/** Markdown rendering of a bench result: the header lines (machine, browser, backend, adapter, date) and the table. Pure. */
import { isSoftwareAdapter, type BenchResult, type FigureRow } from './schema';

/** A value with a sensible number of digits for its unit. */
export function formatValue(v: number | null, unit: string): string {
  if (v === null || !Number.isFinite(v)) return '–';
  const abs = Math.abs(v);
  const digits = unit === '×' || unit === 'ρ' ? 3 : unit === 'count' || abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const s = v.toFixed(digits);
  if (unit === '×') return `${s}×`;
  if (unit === '%') return `${s}%`;
  if (unit === '' || unit === 'ρ' || unit === 'count') return s;
  return `${s} ${unit}`;
}

function verdict(r: FigureRow): string {
  if (!r.goal) return '';
  if (r.pass === null) return `${r.goal} (n/a)`;
  return `${r.goal} ${r.pass ? '✔' : '✘'}`;
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The figures as one Markdown table. */
export function markdownTable(rows: readonly FigureRow[]): string {
  const out = ['| figure | backend | value | goal | detail | reproduce |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    out.push(`| ${cell(r.name)} | ${cell(r.backend)} | ${cell(formatValue(r.value, r.unit))} | ${cell(verdict(r))} | ${cell(r.detail)} | \`${cell(r.command)}\` |`);
  }
  return out.join('\n');
}

/** Machine, browser, backend, adapter and date, then the table and any figure that failed. */
export function markdownReport(res: BenchResult): string {
  const e = res.env;
  const a = e.adapter;
  const adapter = a
    ? `${[a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' / ') || '(no info)'}; fallback adapter: ${a.isFallbackAdapter}`
    : 'none (no WebGPU figure)';
  const lines = [
    `- date: ${e.date}`,
    `- machine: ${e.machine.cpuModel}, ${e.machine.cores} cores, ${e.machine.memoryGiB} GiB, ${e.machine.os}, Node ${e.machine.node}`,
    `- browser: ${e.browser ? `${e.browser.name} ${e.browser.version} headless (${e.browser.executable}; flags ${e.browser.args.join(' ')})` : 'none'}`,
    `- backends: ${[...new Set(res.rows.map((r) => r.backend))].join(', ') || '–'}; tfjs ${e.tfjsVersion}; crossOriginIsolated ${e.crossOriginIsolated ?? '–'}`,
    `- WebGPU adapter (adapter.info): ${adapter}`,
  ];
  if (e.softwareAdapter || isSoftwareAdapter(a)) {
    lines.push('- **Software adapter (SwiftShader runs WebGPU on the CPU): these figures say nothing about any GPU\'s speed.**');
  } else if (a) {
    lines.push(`- GPU flags (--gpu): ${e.gpuFlags}`);
  }
  lines.push(`- run: \`${res.command}\`, ${Math.round(res.durationS)} s`, '', markdownTable(res.rows));
  if (res.errors.length) {
    lines.push('', 'Not measured:', ...res.errors.map((er) => `- ${er.figure}${er.backend ? ` (${er.backend})` : ''}: ${er.message}`));
  }
  return lines.join('\n');
}
