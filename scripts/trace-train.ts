/**
 * Where the main thread's long tasks go while the Train screen trains: the responsiveness bench's run (bench/app.ts)
 * under a Chromium trace, then, for every main-thread task over the threshold, its wall time, its CPU time (the
 * trace's thread duration) and the CPU time of what it ran (script, style, layout, paint, GC, message decoding…).
 *
 *   npx vite build --outDir dist-trace --minify false && npx tsx scripts/trace-train.ts --dist dist-trace
 *
 * Options: --pin (the page's renderer on a core of its own: see pinChromium), --chromium-arg '<switch>' (repeatable), --from trace.json (only report on a kept trace), --dist dist (the built app), --port 4190, --window-s 20, --threshold-ms 50, --hash '<Train URL hash>'
 * (default: the responsiveness bench's), --css '<rules>' (added to the page: try a style change first), --out trace.json (also keep the raw trace), --chromium /usr/bin/chromium.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { execFileSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { RESPONSIVENESS_HASH } from '../bench/app';
import { arg } from './scriptArgs';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string; functionName?: string; url?: string } };
}

/** The label of a direct child of a task: what kind of work it is. */
function label(e: TraceEvent): string {
  const d = e.args?.data;
  if (e.name === 'EventDispatch' && d?.type) return `event:${d.type}`;
  if (e.name === 'FunctionCall' && d?.functionName) return `fn:${d.functionName}`;
  if (e.name === 'TimerFire' || e.name === 'FireAnimationFrame' || e.name === 'v8.run') return e.name;
  return e.name;
}

/** More Chromium switches, one per `--chromium-arg` (repeatable), e.g. `--chromium-arg --disable-gpu-rasterization`. */
function extraArgs(): string[] {
  const out: string[] = [];
  process.argv.forEach((a, i) => {
    if (a === '--chromium-arg' && i + 1 < process.argv.length) out.push(process.argv[i + 1]);
  });
  return out;
}

/**
 * `--pin`: the run that stands in for a machine whose GPU work does not run on the CPU. The page's renderers (its main
 * thread and its worker) get core 0 to themselves; every other process of this run (the browser, the GPU process where
 * SwiftShader computes, the utilities, this script and its preview server) goes to the other cores, all threads
 * included. Processes are found as descendants of this script, so no other Chromium is touched. Returns what was
 * pinned, for the report.
 */
function pinChromium(): string {
  const cores = availableParallelism();
  if (cores < 2) throw new Error('--pin needs at least 2 cores');
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }));
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) {
      if (!mine.has(r.pid) && mine.has(r.ppid)) {
        mine.add(r.pid);
        grew = true;
      }
    }
  }
  const renderers = rows.filter((r) => mine.has(r.pid) && r.args.includes('--type=renderer')).map((r) => r.pid);
  const others = [...mine].filter((pid) => !renderers.includes(pid));
  if (renderers.length === 0 || !rows.some((r) => mine.has(r.pid) && r.args.includes('--type=gpu-process'))) {
    throw new Error('--pin: no renderer or no GPU process found among this run\'s processes');
  }
  const rest = `1-${cores - 1}`;
  for (const pid of others) execFileSync('taskset', ['-a', '-cp', rest, String(pid)], { stdio: 'ignore' });
  for (const pid of renderers) execFileSync('taskset', ['-a', '-cp', '0', String(pid)], { stdio: 'ignore' });
  return `pinned: renderers ${renderers.join(', ')} to core 0; ${others.length} other processes (GPU process included) to cores ${rest}`;
}

function main(): Promise<void> {
  const from = arg('from', '');
  const job = from ? readFile(from, 'utf8').then((text) => report(JSON.parse(text) as { traceEvents: TraceEvent[] }, Number(arg('threshold-ms', '50')))) : run();
  return job
    .catch((err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exitCode = 1;
    })
    .finally(() => process.exit()); // vite preview can keep the process alive
}

async function run(): Promise<void> {
  const dist = arg('dist', 'dist');
  const port = Number(arg('port', '4190'));
  const windowS = Number(arg('window-s', '20'));
  const threshold = Number(arg('threshold-ms', '50'));
  const hash = arg('hash', RESPONSIVENESS_HASH);
  const out = arg('out', '');
  const server = await preview({ logLevel: 'warn', build: { outDir: dist }, preview: { port, strictPort: true } });
  try {
    const base = `http://localhost:${port}`;
    const browser = await chromium.launch({
      executablePath: arg('chromium', '/usr/bin/chromium'),
      args: ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs()],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, bypassCSP: arg('css', '') !== '' });
    await page.goto(`${base}/#${hash}`);
    await page.getByTestId('backend-badge').filter({ hasText: /^(webgpu|webgl|cpu)$/ }).waitFor({ timeout: 120_000 });
    await page.getByTestId('dataset-name').filter({ hasText: /\S/ }).waitFor({ timeout: 120_000 });
    const css = arg('css', '');
    if (css) await page.addStyleTag({ content: css });
    if (process.argv.includes('--pin')) console.log(pinChromium());
    console.log(`backend ${await page.getByTestId('backend-badge').textContent()}`);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const step = page.getByTestId('readout-step');
    const t0 = Date.now();
    while (!(Number.parseFloat(((await step.textContent()) ?? '').replace(/[^0-9.]/g, '')) >= 1)) {
      if (Date.now() - t0 > 180_000) throw new Error('no first step within 3 minutes');
      await page.waitForTimeout(250);
    }
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing', 'toplevel', 'v8.execute', 'blink', 'disabled-by-default-v8.gc'] });
    await page.waitForTimeout(windowS * 1000);
    const buf = await browser.stopTracing();
    console.log(`steps after the window: ${await step.textContent()}`);
    await browser.close();
    if (out) await writeFile(out, buf);
    report(JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] }, threshold);
  } finally {
    await server.close();
  }
}

/** CPU time of each traced thread over the window (top-level events only, so nothing is counted twice). */
function threadCpu(ev: TraceEvent[]): string {
  const threadName = new Map<string, string>();
  const processName = new Map<number, string>();
  for (const e of ev) {
    if (e.name === 'thread_name' && e.args?.name) threadName.set(`${e.pid}:${e.tid}`, e.args.name);
    if (e.name === 'process_name' && e.args?.name) processName.set(e.pid, e.args.name);
  }
  const timed = ev.filter((e) => e.ph === 'X' && e.tdur !== undefined).sort((a, b) => a.pid - b.pid || a.tid - b.tid || a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const cpu = new Map<string, number>();
  const until = new Map<string, number>();
  for (const e of timed) {
    const k = `${e.pid}:${e.tid}`;
    if (e.ts < (until.get(k) ?? -1)) continue;
    until.set(k, e.ts + (e.dur ?? 0));
    cpu.set(k, (cpu.get(k) ?? 0) + (e.tdur ?? 0) / 1000);
  }
  let first = Infinity;
  let last = -Infinity;
  for (const e of timed) {
    first = Math.min(first, e.ts);
    last = Math.max(last, e.ts + (e.dur ?? 0));
  }
  const span = timed.length ? (last - first) / 1e6 : 0;
  const rows = [...cpu.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
  const name = (k: string): string => `${processName.get(Number(k.split(':')[0])) ?? '?'} / ${threadName.get(k) ?? k}`;
  return `traced CPU per thread over ${span.toFixed(1)} s (threads without trace events, such as SwiftShader's, are not listed): ${rows.map(([k, v]) => `${name(k)} ${(v / 1000).toFixed(2)} s`).join('; ')}`;
}

function report(trace: { traceEvents: TraceEvent[] }, threshold: number): void {
  const ev = trace.traceEvents;
  console.log(threadCpu(ev));
  const main = ev.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && ev.some((x) => x.pid === e.pid && x.name === 'FireAnimationFrame'));
  if (!main) throw new Error('no renderer main thread with animation frames in the trace');
  const onMain = ev.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  // Top-level tasks only: Chromium nests a RunTask in a ThreadControllerImpl::RunTask.
  const tasks: TraceEvent[] = [];
  for (const e of onMain) {
    if (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask') continue;
    const last = tasks[tasks.length - 1];
    if (last && e.ts < last.ts + (last.dur ?? 0)) continue;
    tasks.push(e);
  }
  const all = tasks.map((t) => ({ t, wall: (t.dur ?? 0) / 1000, cpu: (t.tdur ?? 0) / 1000 }));
  const long = all.filter((x) => x.wall > threshold);
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  console.log(`main-thread tasks: ${all.length}, CPU ${sum(all.map((x) => x.cpu)).toFixed(0)} ms in all; over ${threshold} ms: ${long.length}`);
  const top = [...all].sort((a, b) => b.cpu - a.cpu).slice(0, 8);
  console.log(`most CPU per task (ms): ${top.map((x) => `${x.cpu.toFixed(1)}/${x.wall.toFixed(0)}`).join(', ')} (CPU/wall)`);
  for (const { t, wall, cpu } of [...long, ...top.filter((x) => x.wall <= threshold).slice(0, 3)]) {
    const childrenOf = (parent: TraceEvent): TraceEvent[] => {
      const end = parent.ts + (parent.dur ?? 0);
      const inside = onMain.filter((e) => e !== parent && e.ts >= parent.ts && e.ts + (e.dur ?? 0) <= end && (e.dur ?? 0) <= (parent.dur ?? 0));
      // Direct children only: events not inside another event of the task.
      return inside.filter((e) => !inside.some((p) => p !== e && p.ts <= e.ts && p.ts + (p.dur ?? 0) >= e.ts + (e.dur ?? 0) && (p.dur ?? 0) > (e.dur ?? 0)));
    };
    let direct = childrenOf(t);
    // Look through the scheduler's wrappers (a RunTask holding one task and an empty microtask checkpoint).
    for (let wrapper = direct.find((e) => e.name.endsWith('RunTask')); wrapper && (wrapper.dur ?? 0) >= 0.9 * (t.dur ?? 0); wrapper = direct.find((e) => e.name.endsWith('RunTask'))) {
      direct = childrenOf(wrapper);
    }
    const byKind = new Map<string, { cpu: number; wall: number; n: number }>();
    for (const e of direct) {
      const k = label(e);
      const v = byKind.get(k) ?? { cpu: 0, wall: 0, n: 0 };
      v.cpu += (e.tdur ?? 0) / 1000;
      v.wall += (e.dur ?? 0) / 1000;
      v.n += 1;
      byKind.set(k, v);
    }
    const parts = [...byKind.entries()].sort((a, b) => b[1].wall - a[1].wall).slice(0, 6);
    console.log(`- task at ${(t.ts / 1000).toFixed(0)} ms: wall ${wall.toFixed(1)} ms, CPU ${cpu.toFixed(1)} ms: ${parts.map(([k, v]) => `${k}×${v.n} ${v.cpu.toFixed(1)}/${v.wall.toFixed(1)}`).join('; ')}`);
  }
}

void main();
