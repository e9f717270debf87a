/** Entry of bench.html: exposes the task runner to the Playwright driver (bench/run.ts). */
import { runTask } from './page';
import type { BenchTask, BenchTaskResult } from './tasks';

declare global {
  interface Window {
    __bench?: { run(task: BenchTask): Promise<BenchTaskResult> };
  }
}

window.__bench = { run: runTask };
document.getElementById('bench-state')?.replaceChildren('ready');
