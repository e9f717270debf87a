/**
 * Handler registry: each request type of `RequestMap` maps to one async function. Modules contribute a partial
 * `HandlerTable` (see handlers/index.ts); the worker entry merges them and dispatches by `type`.
 */
import type { WorkerContext } from './context';
import type { RequestOf, RequestType, ResponseOf } from './protocol';

/** A result plus the buffers to transfer with it. */
export class Transfer<T> {
  constructor(
    readonly value: T,
    readonly list: Transferable[],
  ) {}
}

export type Handler<K extends RequestType> = (
  req: RequestOf<K>,
  ctx: WorkerContext,
) => Promise<ResponseOf<K> | Transfer<ResponseOf<K>>> | ResponseOf<K> | Transfer<ResponseOf<K>>;

export type HandlerTable = { [K in RequestType]?: Handler<K> };

/** Merge tables; a request type registered twice is a programming error. */
export function mergeHandlers(tables: readonly HandlerTable[]): HandlerTable {
  const out: Record<string, unknown> = {};
  for (const t of tables) {
    for (const [type, fn] of Object.entries(t)) {
      if (out[type]) throw new Error(`worker handler for "${type}" is registered twice`);
      out[type] = fn;
    }
  }
  return out;
}
