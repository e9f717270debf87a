/**
 * Every NAS method the playground offers: one line per method. A method is one folder (methods/<id>/, see
 * methods/random/ for the example to copy); everything generic — URL keys, settings form, CLI flags, screen tabs,
 * the worker's search job, result records — is generated from these descriptors.
 */
import { atomnasMethod } from './atomnas/index';
import { autospaceMethod } from './autospace/index';
import type { MethodDescriptor } from './descriptor';
import { egnasMethod } from './egnas/index';
import { padnasMethod } from './padnas/index';
import { randomMethod } from './random/index';

export const METHODS: readonly MethodDescriptor[] = [
  atomnasMethod,
  padnasMethod,
  randomMethod,
  egnasMethod,
  autospaceMethod,
];

/** A method's short name (its tab), or the id itself for one that is not registered. */
export function methodTab(id: string): string {
  return getMethod(id)?.tab ?? id;
}

/** The method with this id, if registered. */
export function getMethod(id: string): MethodDescriptor | undefined {
  return METHODS.find((m) => m.id === id);
}
