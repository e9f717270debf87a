/** The worker's side of issue 15 §5: pre-compile a Trainer's next step and log what it did (engine/precompile). */
import { precompileTrainStep, type PrecompileProgress } from '../../engine/precompile';
import type { Trainer } from '../../engine/trainer';

export async function precompileWithLog(trainer: Trainer, report: (p: PrecompileProgress) => void): Promise<void> {
  const r = await precompileTrainStep(trainer, report);
  if (r.programs === 0 && !r.error) return;
  const s = (ms: number): string => (ms / 1000).toFixed(1);
  console.info(`[precompile] ${r.programs} GPU programs in ${s(r.totalMs)} s (issuing ${s(r.encodeMs)} s)${r.failed ? `, ${r.failed} failed (built by the step)` : ''}`);
  if (r.error) console.warn(`[precompile] stopped early: ${r.error} (the first step compiles the rest)`);
}
