/**
 * Dedicated module worker: all tfjs work happens here. Dispatches requests to the handler registry and answers each
 * with one `response` event. Errors become error responses (with the file name for data errors), never crashes.
 */
import '../core/zodJitless'; // first: before zod loads (CSP: no eval)
import { createContext } from './context';
import { HEARTBEAT, HEARTBEAT_EVERY_MS } from './heartbeat';
import { allHandlers } from './handlers';
import type { ErrorReport, WorkerEvent, WorkerRequest } from './protocol';
import { mergeHandlers, Transfer, type Handler } from './registry';

/** The parts of DedicatedWorkerGlobalScope used here (the DOM lib, not the webworker lib, is in the tsconfig). */
interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((ev: MessageEvent<WorkerRequest>) => void) | null;
  addEventListener(type: 'unhandledrejection', fn: (ev: PromiseRejectionEvent) => void): void;
}

const scope = self as unknown as WorkerScope;
const post = (event: WorkerEvent, transfer: Transferable[] = []): void => scope.postMessage(event, transfer);
const ctx = createContext(post);
const handlers = mergeHandlers(allHandlers);

function toReport(e: unknown): ErrorReport {
  if (e instanceof Error) {
    const file = (e as { file?: unknown }).file;
    return { message: e.message, name: e.name, file: typeof file === 'string' ? file : undefined };
  }
  return { message: String(e) };
}

/** Run the request's handler and answer it; requests run concurrently (run/control arrives while training runs). */
async function dispatch(req: WorkerRequest): Promise<void> {
  const handler = handlers[req.type] as Handler<typeof req.type> | undefined;
  if (!handler) {
    post({ type: 'response', id: req.id, ok: false, error: { message: `the worker has no handler for "${req.type}"` } });
    return;
  }
  try {
    const out = await handler(req, ctx);
    if (out instanceof Transfer) post({ type: 'response', id: req.id, ok: true, result: out.value }, out.list);
    else post({ type: 'response', id: req.id, ok: true, result: out });
  } catch (e) {
    post({ type: 'response', id: req.id, ok: false, error: toReport(e) });
  }
}

scope.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  void dispatch(ev.data);
};

scope.addEventListener('unhandledrejection', (ev: PromiseRejectionEvent) => {
  ev.preventDefault();
  post({ type: 'error', scope: 'worker', message: toReport(ev.reason).message });
});

post({ type: 'ready' });
// Liveness for the client (heartbeat.ts): stops when this thread hangs or closes, which the client notices.
setInterval(() => scope.postMessage(HEARTBEAT, []), HEARTBEAT_EVERY_MS);
