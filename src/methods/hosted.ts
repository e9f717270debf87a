/**
 * The host side of `MethodContext.loadMethod` (methods/runTypes.ts): the worker and the CLI give a run access to another
 * registered method through this, so a composing method (AutoSpace-style → PAD-NAS) never imports it.
 */
import { presetConfig, validateConfig } from '../core/settings/group';
import { getMethod } from './registry';
import type { HostedMethod } from './runTypes';

export async function loadHostedMethod(id: string): Promise<HostedMethod> {
  const m = getMethod(id);
  if (!m) throw new Error(`no registered method "${id}"`);
  const mod = await m.loadRun();
  const hosted: HostedMethod = {
    preset: (name) => ({ ...(presetConfig(m.settings, name) as Record<string, unknown>) }),
    validate: (config) => validateConfig(m.settings, config) as Record<string, unknown>,
    createRun: (ctx, config) => mod.createRun(ctx, config),
  };
  if (mod.plannedUnits) hosted.plannedUnits = (ctx, config) => mod.plannedUnits?.(ctx, config) ?? Number.NaN;
  return hosted;
}
