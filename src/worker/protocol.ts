/**
 * Messages between the main thread and the worker. TYPE-ONLY: nothing here exists at runtime, so the UI layers
 * may import it without pulling in tfjs.
 *
 * Requests (main → worker) are described by `RequestMap`: one entry per request type with its payload (`req`) and
 * its answer (`res`). Every request carries an `id`; the worker answers with exactly one `response` event of that id.
 * Events (worker → main) are pushed at any time (progress, snapshots, errors).
 *
 * To add a request: add an entry to `RequestMap`, register a handler for it in `worker/handlers/` (see
 * `handlers/index.ts`). To add an event: add a member to `WorkerEvent`.
 */
import type { AdapterDescription } from '../core/adapterInfo';
import type { ArchSpec } from '../core/archspec';
import type { ResultRecord, SplitSizes } from '../core/method/resultRecord';
import type { RunStart } from '../core/method/runStart';
import type { ProfileMode, ProfileStatus } from '../core/latency/plan';
import type { LatencyProfile } from '../core/latency/profileSchema';
import type { LoadProgress } from '../data/loadProgress';

export type BackendName = 'webgpu' | 'webgl' | 'cpu';

/** What the WebGPU adapter says about itself (`GPUAdapter.info`) and its features. */
export type AdapterReport = AdapterDescription;

/** The backend in use and why others were skipped. */
export interface BackendReport {
  backend: string;
  adapter: AdapterReport | null;
  /** One entry per backend tried before the one in use (e.g. webgpu: "navigator.gpu is not available"). */
  fallbackReasons: { backend: string; reason: string }[];
  tfjsVersion: string;
  crossOriginIsolated: boolean;
}

export interface DatasetSummary {
  name: string;
  source: string;
  /** Files the dataset was read from (empty for the built-in one). */
  files: string[];
  n: number;
  height: number;
  width: number;
  channels: number;
  numClasses: number;
  /** Names of the classes when the format defines them (CIFAR-10). */
  classNames?: string[];
  /** Bytes of image data. */
  bytes: number;
  split: SplitSizes;
}

/** A few samples for the preview grid; `images` is NHWC uint8 and travels in the transfer list. */
export interface DatasetPreview {
  count: number;
  height: number;
  width: number;
  channels: number;
  images: Uint8Array;
  labels: Uint8Array;
}

export type { OptimizerName, ScheduleName, TrainSettings } from '../core/trainSettings';
import type { TrainSettings } from '../core/trainSettings';

export interface TrainStarted {
  spec: ArchSpec;
  macs: number;
  params: number;
  totalSteps: number;
  stepsPerEpoch: number;
  /** Steps already done (a run resumed from a checkpoint starts there; 0 otherwise). */
  startStep?: number;
}

export interface ExportedModel {
  /** model.json as text (tfjs layers format, weightsManifest pointing at model.weights.bin). */
  modelJson: string;
  weightData: ArrayBuffer;
  archSpec: ArchSpec;
  /** The files reloaded with tf.loadLayersModel against the network itself (inference mode). */
  check: { maxAbsDiff: number; images: number; source: 'test images' | 'random inputs' };
}

export type RunState = 'idle' | 'running' | 'paused' | 'done' | 'cancelled' | 'diverged' | 'error';
/** 'next-event': from paused, run until a snapshot brings one of the method's key moments (`run/event`), then pause. */
export type RunAction = 'pause' | 'resume' | 'step' | 'next-event' | 'cancel' | 'reset';

/** A user file moved (transferred) into the worker. */
export interface FilePayload {
  name: string;
  bytes: ArrayBuffer;
}

/** Request types and their answers. Extend this map to add a request. */
export interface RequestMap {
  init: { req: { order?: BackendName[] }; res: BackendReport };
  'dataset/builtin': { req: { url: string }; res: { summary: DatasetSummary } };
  'dataset/files': { req: { files: FilePayload[] }; res: { summary: DatasetSummary } };
  /** Cancel the `dataset/files` load in progress; `cancelled` is false when none was. */
  'dataset/cancel': { req: Record<never, never>; res: { cancelled: boolean } };
  /**
   * Train with the Train recipe: the baseline of `settings` (width, tiny), or `spec` from scratch (a found
   * architecture); its result network is `owner`'s exportable result (default 'train').
   */
  'train/start': {
    req: {
      runId: string;
      settings: TrainSettings;
      paused?: boolean;
      spec?: ArchSpec;
      owner?: string;
      /** A checkpoint (core/runs/checkpointFile bytes of a `train/checkpoint` event) to continue from; settings and spec come from it. */
      resume?: Uint8Array;
      /** Slow motion from the first step (ms between steps; 0 or absent: full speed), as `run/pace` sets it later. */
      paceMs?: number;
    };
    res: TrainStarted;
  };
  'run/control': { req: { action: RunAction }; res: { state: RunState } };
  /** Slow motion: wait `ms` between steps of the run in progress, every step's snapshot posted (0: full speed; a new run starts at full speed). */
  'run/pace': { req: { ms: number }; res: { ms: number } };
  /** Export `owner`'s result network ('train' or a method id): each screen exports its own result. */
  'model/export': { req: { owner: string }; res: ExportedModel };
  /**
   * Any registered NAS method (handlers/search.ts): `config` is checked against the method's settings group; `profile`
   * is the search-target latency profile (required or optional per method). Events: search/snapshot, search/final.
   */
  'search/start': {
    /**
     * `resume`: a search checkpoint (core/runs/searchCheckpointFile bytes of a `search/checkpoint` event) to continue
     * from; the config and profile then come from it. The answer's `startStep` is the step it continues from.
     */
    req: { runId: string; method: string; config: Record<string, unknown>; paused?: boolean; profile?: LatencyProfile | null; paceMs?: number; resume?: Uint8Array };
    res: RunStart & { startStep?: number };
  };
  /** Device latency profiler (handlers/profiler.ts): a `profile` job; `profile/result` when it finishes. */
  'profile/start': {
    /** `cells`: also measure the parts of AutoSpace-style cells (plan option `cells`). */
    req: { runId: string; name: string; mode: ProfileMode; tiny: boolean; cells?: boolean; width: number; seed: number; visible: boolean };
    res: { entries: number; networks: number; totalSteps: number; backend: string };
  };
  /** What a profile run has measured so far (a cancelled run keeps it); null for an unknown run. */
  'profile/collect': { req: { runId: string }; res: { profile: LatencyProfile | null } };
  /**
   * Measure saved networks (stock LayersModels) end to end on this device at each batch size (handlers/measure.ts): a
   * 'measure' job (run/progress, run/control cancel); `latency/measured` when it finishes.
   */
  'latency/measure': {
    req: { runId: string; items: { id: string; modelJson: string; weights: ArrayBuffer }[]; batches: number[] };
    res: { subjects: number; totalSteps: number; backend: string };
  };
  /** The main thread forwards page visibility (no `document` in a worker); `at` = timeOrigin + now(), ms. */
  'page/visibility': { req: { visible: boolean; at: number }; res: { ok: true } };
}

export type RequestType = keyof RequestMap;
export type RequestPayload<K extends RequestType> = RequestMap[K]['req'];
export type ResponseOf<K extends RequestType> = RequestMap[K]['res'];

/** A request as posted: `{type, id, ...payload}`. */
export type WorkerRequest = { [K in RequestType]: { type: K; id: number } & RequestPayload<K> }[RequestType];
export type RequestOf<K extends RequestType> = Extract<WorkerRequest, { type: K }>;

/** Why a request failed; `file` names the user file at fault when there is one. */
export interface ErrorReport {
  message: string;
  file?: string;
  name?: string;
}

export type ResponseEvent =
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: ErrorReport };

/** How far a run is (a `run/progress` event without its ids; the stores keep it as it came). */
export interface RunProgressReport {
  done: number;
  total: number;
  epoch: number;
  totalEpochs: number;
  /** Milliseconds left, -1 while unknown. */
  etaMs: number;
  /** `etaMs` is a most: the job reports work whose total is only bounded (WorkProgress.atMost). */
  etaAtMost?: boolean;
  elapsedMs: number;
  /** Before the first step: the GPU programs prepared so far (issue 15 §5); absent otherwise. */
  preparing?: { done: number; total: number };
}

export type WorkerEvent =
  | ResponseEvent
  /** The worker's module finished loading and listens for requests. */
  | { type: 'ready' }
  | { type: 'backend'; info: BackendReport }
  | { type: 'dataset'; summary: DatasetSummary; preview: DatasetPreview }
  | { type: 'dataset/progress'; progress: LoadProgress }
  | { type: 'run/state'; runId: string; kind: string; state: RunState; message?: string }
  | ({ type: 'run/progress'; runId: string; kind: string } & RunProgressReport)
  /** Points since the previous snapshot (one per training step). */
  | { type: 'train/points'; runId: string; steps: Float64Array; loss: Float32Array; lr: Float32Array; ips: Float32Array }
  | { type: 'train/epoch'; runId: string; epoch: number; valAcc: number; valLoss: number }
  | { type: 'train/test'; runId: string; acc: number; loss: number }
  /** Key moments a snapshot brought (a method's `events`); `stopped`: a next-event run paused on them. */
  | { type: 'run/event'; runId: string; kind: string; step: number; events: string[]; stopped: boolean }
  | { type: 'diverged'; runId: string; kind: string; step: number; message: string }
  | { type: 'error'; scope: string; message: string; file?: string; runId?: string }
  /** Throttled method live data (method-specific shape; its typed arrays arrive in the transfer list). */
  | { type: 'search/snapshot'; runId: string; method: string; snap: unknown }
  /** A search finished: its result record (the result network is now the method's exportable result). */
  | { type: 'search/final'; runId: string; method: string; record: ResultRecord }
  /**
   * A Train run's training state (core/runs/checkpointFile bytes, meta = TrainResumeMeta): after every epoch and at most
   * every ~20 s; the app keeps the latest in IndexedDB so a reload, a crash or a lost GPU can resume from it.
   */
  | { type: 'train/checkpoint'; runId: string; step: number; totalSteps: number; bytes: Uint8Array }
  /** A search's state (core/runs/searchCheckpointFile bytes, meta = SearchResumeMeta), on the same cadence as Train's. */
  | { type: 'search/checkpoint'; runId: string; method: string; step: number; totalSteps: number; bytes: Uint8Array }
  /** A Train run finished: its result record. */
  | { type: 'train/final'; runId: string; record: ResultRecord }
  /** Throttled profiler progress (phase, units, phase-aware ETA, entries and networks done). */
  | { type: 'profile/status'; runId: string; status: ProfileStatus }
  | { type: 'profile/result'; runId: string; profile: LatencyProfile }
  /** A measure job finished: median/MAD per saved network and batch (and what failed to run). */
  | {
      type: 'latency/measured';
      runId: string;
      backend: string;
      results: { id: string; batch: number; medianMs: number; madMs: number; samples: number }[];
      failures: { id: string; batch: number; message: string }[];
    };

/**
 * The backend probe's worker (worker/probeWorker.ts; issue 15 §6): the main thread asks it to time one backend at a
 * time, and terminates it when that backend's share of the time limit is spent.
 */
export interface ProbeRunRequest {
  type: 'probe/run';
  backend: BackendName;
  /** Steps timed after the first one. */
  timedSteps: number;
}
export type ProbeWorkerEvent =
  /** The worker's module loaded (what it loads is not part of any backend's time). */
  | { type: 'probe/ready' }
  | { type: 'probe/step'; backend: BackendName; index: number; ms: number }
  | { type: 'probe/done'; backend: BackendName; stepMs: number[] }
  | { type: 'probe/failed'; backend: BackendName; reason: string };
