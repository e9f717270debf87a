/**
 * Every NAS method the playground offers. A method lives in its own folder (methods/<id>/) and is listed here only;
 * drivers (worker handlers, the CLI's `search` command) look methods up by id.
 */
import { atomnasMethod } from './atomnas/method';
import { padnasMethod } from './padnas/method';
import type { NasMethod } from './types';

export const METHODS = {
  atomnas: atomnasMethod,
  padnas: padnasMethod,
} as const;

export type MethodId = keyof typeof METHODS;

/** Ids and labels, for menus and `--method` help. */
export function listMethods(): { id: MethodId; label: string; presets: string[] }[] {
  return (Object.keys(METHODS) as MethodId[]).map((id) => {
    const m: NasMethod<unknown, unknown> = METHODS[id];
    return { id, label: m.label, presets: Object.keys(m.presets) };
  });
}

/** True when `id` names a registered method. */
export function isMethodId(id: string): id is MethodId {
  return Object.prototype.hasOwnProperty.call(METHODS, id);
}
