/**
 * Reading untrusted JSON with zod schemas (ArchSpec, latency profile): the first issue becomes a field path
 * (`layers[3].branches[1].k`, `lut["mb cin=8 …"].medianMs`) and a plain-words problem that ends with what the field
 * held (", got 4"), so a user can fix the file by hand.
 */
import type { z } from 'zod';

type Key = PropertyKey;

/** `a.b[2]["key with spaces"]`: identifiers after a dot, indices and any other key in brackets. */
export function fieldPath(path: readonly Key[]): string {
  return path.reduce<string>((s, k) => {
    if (typeof k === 'number') return `${s}[${k}]`;
    const key = String(k);
    if (/^[A-Za-z_$][\w$]*$/.test(key)) return s ? `${s}.${key}` : key;
    return `${s}[${JSON.stringify(key)}]`;
  }, '');
}

/** A JSON value in a message; long strings are cut so a 100 kB field is never echoed. */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing (missing)';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return Array.isArray(v) ? 'an array' : 'an object';
}

function valueAt(root: unknown, path: readonly Key[]): unknown {
  let v = root;
  for (const k of path) v = v !== null && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<Key, unknown>)[k] : undefined;
  return v;
}

/** Report a semantic problem from a refinement; `message` says it all (no ", got …" is added). */
export function fault(ctx: z.RefinementCtx, path: readonly Key[], message: string): void {
  ctx.addIssue({ code: 'custom', path: [...path], message, params: { whole: true } });
}

const AN: Record<string, string> = { object: 'an object', array: 'an array', string: 'a string', number: 'a number', int: 'an integer', boolean: 'true or false' };

/** Messages by issue kind for schemas without their own `error`: "expected a number", "must be ≥ 0", "must not be empty". */
export function plainWords(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      return `expected ${AN[iss.expected] ?? iss.expected}`;
    case 'invalid_value':
      return `expected one of ${iss.values.map(String).join(', ')}`;
    case 'too_small':
      return iss.origin === 'number' ? `must be ${iss.inclusive ? '≥' : '>'} ${iss.minimum}` : 'must not be empty';
    case 'too_big':
      return iss.origin === 'number' ? `must be ${iss.inclusive ? '≤' : '<'} ${iss.maximum}` : `must have at most ${iss.maximum} items`;
    default:
      return undefined;
  }
}

/** The first issue of a failed parse of `input`: its field path ('' for the root) and the problem. */
export function firstIssue(error: z.ZodError, input: unknown): { path: string; problem: string } {
  const iss = error.issues[0];
  const path = fieldPath(iss.path);
  // A record key that fails its schema: the key schema's message names what is wrong with it.
  if (iss.code === 'invalid_key') return { path, problem: iss.issues[0]?.message ?? iss.message };
  const whole = iss.code === 'custom' && iss.params?.whole === true;
  return { path, problem: whole ? iss.message : `${iss.message}, got ${show(valueAt(input, iss.path))}` };
}
