/**
 * Worker liveness (transport level, not part of the request/event protocol): the worker posts HEARTBEAT every
 * HEARTBEAT_EVERY_MS from a timer, so a worker whose event loop is stuck, or that closed itself without an error event,
 * falls silent, and the client (worker/client.ts) notices within SILENT_MS. Its own file so that the worker bundle can
 * import it without importing the client (which spawns the worker).
 */

/** The liveness message. */
export const HEARTBEAT = { type: 'heartbeat' } as const;

/** How often the worker posts HEARTBEAT. */
export const HEARTBEAT_EVERY_MS = 1000;

/** Silence after which a worker is treated as dead (WebGPU: the worker thread only records and awaits GPU work). */
export const SILENT_MS = 5000;

/** True for the liveness message. */
export function isHeartbeat(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === HEARTBEAT.type;
}
