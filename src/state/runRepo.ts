/**
 * The run repository (issue 14 §1): every finished Train run and search, with its result network's weights, kept in
 * IndexedDB through `idb`. A run is written as 'running' when it starts; one still 'running' when a page opens the
 * repository was cut short by a reload or a closed tab and is listed as interrupted with its settings.
 *
 * The list is read often (every run's start and end, opening Compare, each measurement), so it reads no weights: a
 * run's entry ('runs') holds its record and settings, its weights lie apart ('models'), and so do the checkpoints'
 * bytes ('checkpoints') from their step counts ('checkpointInfo'). Version 3 moved them out of the entries of
 * versions 1–2 when a page first opens the database.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { serializeBundle } from '../core/runs/bundle';
import { parseRunsFile } from '../core/runs/runsFile';
import type { MeasuredLatency, SavedModel, SavedRun } from '../core/runs/savedRun';

/** The latest training checkpoint of a run (core/runs/checkpointFile bytes; issue 16 §1). */
export interface StoredCheckpoint {
  id: string;
  step: number;
  totalSteps: number;
  savedAt: string;
  bytes: Uint8Array;
}

/** A checkpoint without its bytes (what lists show). */
export type CheckpointInfo = Omit<StoredCheckpoint, 'bytes'>;

/** A deleted run as it was (weights included) with its checkpoint: what Undo puts back. */
export interface RemovedRun {
  run: SavedRun;
  checkpoint?: StoredCheckpoint;
  /** It was running in this page when it was deleted. */
  live: boolean;
}

interface RunsDb extends DBSchema {
  runs: { key: string; value: SavedRun; indexes: { savedAt: string } };
  models: { key: string; value: { id: string; model: SavedModel } };
  checkpoints: { key: string; value: StoredCheckpoint };
  checkpointInfo: { key: string; value: CheckpointInfo };
}

type Db = IDBPDatabase<RunsDb>;

/** The browser's storage quota is full: say so in plain words (nothing else was changed). */
export class QuotaError extends Error {
  constructor(what: string) {
    super(
      `The browser's storage for this site is full, so ${what} could not be saved. Delete saved runs you no longer need ` +
        '(Compare screen) or export them first; the run itself goes on.',
    );
    this.name = 'QuotaError';
  }
}

function isQuota(e: unknown): boolean {
  return e instanceof DOMException ? e.name === 'QuotaExceededError' : e instanceof Error && /quota/i.test(e.name + e.message);
}

export const RUNS_DB = 'nas-playground-runs';

/** Version 3's upgrade: entries of versions 1–2 held their weights and checkpoint bytes; move them apart. */
async function moveApart(tx: IDBPTransaction<RunsDb, ('runs' | 'models' | 'checkpoints' | 'checkpointInfo')[], 'versionchange'>): Promise<void> {
  for (let c = await tx.objectStore('runs').openCursor(); c; c = await c.continue()) {
    const { model, ...run } = c.value;
    if (model) await tx.objectStore('models').put({ id: run.id, model });
    await c.update({ ...run, model: null, hasModel: model !== null });
  }
  for (let c = await tx.objectStore('checkpoints').openCursor(); c; c = await c.continue()) {
    const { bytes: _bytes, ...info } = c.value;
    await tx.objectStore('checkpointInfo').put(info);
  }
}

export class RunRepository {
  private db: Promise<IDBPDatabase<RunsDb>> | null = null;
  /** Runs started by this page (they are running, not interrupted). */
  private readonly live = new Set<string>();

  constructor(private readonly dbName = RUNS_DB) {}

  private open(): Promise<Db> {
    this.db ??= openDB<RunsDb>(this.dbName, 3, {
      upgrade(db, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) {
          const s = db.createObjectStore('runs', { keyPath: 'id' });
          s.createIndex('savedAt', 'savedAt');
        }
        if (oldVersion < 2) db.createObjectStore('checkpoints', { keyPath: 'id' });
        if (oldVersion < 3) {
          db.createObjectStore('models', { keyPath: 'id' });
          db.createObjectStore('checkpointInfo', { keyPath: 'id' });
          // The database opens once this upgrade transaction, moves included, has completed.
          void moveApart(tx);
        }
      },
    });
    return this.db;
  }

  /** Write a run: its entry without weights, and its weights apart (removed when it has none). */
  private async put(db: Db, run: SavedRun): Promise<void> {
    const tx = db.transaction(['runs', 'models'], 'readwrite');
    const { model, ...entry } = run;
    await Promise.all([
      tx.objectStore('runs').put({ ...entry, model: null, hasModel: model !== null }),
      model ? tx.objectStore('models').put({ id: run.id, model }) : tx.objectStore('models').delete(run.id),
      tx.done,
    ]);
  }

  /** Forget a run's checkpoint (bytes and step count). */
  private async dropCheckpoint(db: Db, id: string): Promise<void> {
    const tx = db.transaction(['checkpoints', 'checkpointInfo'], 'readwrite');
    await Promise.all([tx.objectStore('checkpoints').delete(id), tx.objectStore('checkpointInfo').delete(id), tx.done]);
  }

  /** Close the connection (tests; a later call opens it again). */
  async close(): Promise<void> {
    if (this.db) (await this.db).close();
    this.db = null;
  }

  /**
   * Every saved run, newest first, without weights (`model` null, `hasModel` says whether `get` has them); 'running'
   * entries not started by this page are reported as interrupted.
   */
  async list(): Promise<SavedRun[]> {
    const all = await (await this.open()).getAll('runs');
    return all
      .map((r) => (r.status === 'running' && !this.live.has(r.id) ? { ...r, status: 'interrupted' as const } : r))
      .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  /** One saved run with its weights. */
  async get(id: string): Promise<SavedRun | undefined> {
    const db = await this.open();
    const run = await db.get('runs', id);
    if (!run) return undefined;
    const m = run.hasModel === false ? undefined : await db.get('models', id);
    return { ...run, model: m?.model ?? null };
  }

  /** Remember a run that has just started (its settings and link), so that a reload shows it as interrupted. */
  async started(entry: Pick<SavedRun, 'id' | 'method' | 'name' | 'settings' | 'url' | 'parentId'>, now = new Date().toISOString()): Promise<void> {
    this.live.add(entry.id);
    await (await this.open()).put('runs', { ...entry, savedAt: now, status: 'running', record: null, model: null, hasModel: false, measured: [] });
  }

  /**
   * A started run ended without a record. Cancelled or diverged: forget it and its checkpoint. Failed (`keepResumable`,
   * e.g. a lost GPU or a crashed worker): when it has a checkpoint it stays, listed as interrupted, so it can resume.
   */
  async ended(id: string, keepResumable = false): Promise<void> {
    this.live.delete(id);
    const db = await this.open();
    if (keepResumable && (await db.get('checkpointInfo', id))) return;
    const r = await db.get('runs', id);
    if (r && r.status === 'running') await db.delete('runs', id);
    await this.dropCheckpoint(db, id);
  }

  /** Keep the latest checkpoint of a run (replacing the previous one). Throws QuotaError when storage is full. */
  async saveCheckpoint(c: Omit<StoredCheckpoint, 'savedAt'>, now = new Date().toISOString()): Promise<void> {
    try {
      const tx = (await this.open()).transaction(['checkpoints', 'checkpointInfo'], 'readwrite');
      const { bytes: _bytes, ...info } = { ...c, savedAt: now };
      await Promise.all([tx.objectStore('checkpoints').put({ ...c, savedAt: now }), tx.objectStore('checkpointInfo').put(info), tx.done]);
    } catch (e) {
      if (isQuota(e)) throw new QuotaError(`the checkpoint at step ${c.step}`);
      throw e;
    }
  }

  async checkpoint(id: string): Promise<StoredCheckpoint | undefined> {
    return (await this.open()).get('checkpoints', id);
  }

  /** Step, total and date of every stored checkpoint, by run id. */
  async checkpointInfos(): Promise<Map<string, CheckpointInfo>> {
    const all = await (await this.open()).getAll('checkpointInfo');
    return new Map(all.map((info) => [info.id, info]));
  }

  /** A run that is running again in this page (resumed): it is live, not interrupted. */
  markLive(id: string): void {
    this.live.add(id);
  }

  /** Store a finished run (replacing its 'running' entry; a user-given name and the link to its parent survive). */
  async save(run: SavedRun): Promise<void> {
    this.live.delete(run.id);
    const db = await this.open();
    const prev = await db.get('runs', run.id);
    const keepName = prev && prev.status !== 'running' ? prev.name : run.name;
    try {
      await this.put(db, { ...run, name: keepName, parentId: run.parentId ?? prev?.parentId });
    } catch (e) {
      if (isQuota(e)) throw new QuotaError(`the finished run "${run.name}"`);
      throw e;
    }
    await this.dropCheckpoint(db, run.id);
  }

  async rename(id: string, name: string): Promise<void> {
    const db = await this.open();
    const r = await db.get('runs', id);
    if (!r) throw new Error(`No saved run ${id}`);
    await db.put('runs', { ...r, name: name.trim() || r.name });
  }

  /** Delete a run, its weights and its checkpoint; what was deleted comes back, so that `restore` can undo it. */
  async remove(id: string): Promise<RemovedRun | undefined> {
    const run = await this.get(id);
    const db = await this.open();
    const checkpoint = await db.get('checkpoints', id);
    const live = this.live.delete(id);
    const tx = db.transaction(['runs', 'models'], 'readwrite');
    await Promise.all([tx.objectStore('runs').delete(id), tx.objectStore('models').delete(id), tx.done]);
    await this.dropCheckpoint(db, id);
    return run && { run, checkpoint, live };
  }

  /** Put back what `remove` deleted (Undo): the run as it was, its weights and its checkpoint. */
  async restore(r: RemovedRun): Promise<void> {
    const db = await this.open();
    try {
      await this.put(db, r.run);
      if (r.checkpoint) {
        const { bytes: _bytes, ...info } = r.checkpoint;
        const tx = db.transaction(['checkpoints', 'checkpointInfo'], 'readwrite');
        await Promise.all([tx.objectStore('checkpoints').put(r.checkpoint), tx.objectStore('checkpointInfo').put(info), tx.done]);
      }
    } catch (e) {
      if (isQuota(e)) throw new QuotaError(`the run "${r.run.name}"`);
      throw e;
    }
    if (r.live) this.live.add(r.run.id);
  }

  /** Add a measurement to a saved run (same batch and device replaces the older one). */
  async addMeasurement(id: string, m: MeasuredLatency): Promise<void> {
    const db = await this.open();
    const r = await db.get('runs', id);
    if (!r) throw new Error(`No saved run ${id}`);
    const measured = [...r.measured.filter((x) => !(x.batch === m.batch && x.device === m.device && x.backend === m.backend)), m];
    await db.put('runs', { ...r, measured });
  }

  /** The bundle text of the chosen runs (all when `ids` is omitted). */
  async exportBundle(device: string, ids?: readonly string[]): Promise<string> {
    const chosen = (await this.list()).filter((r) => !ids || ids.includes(r.id));
    const runs = await Promise.all(chosen.map(async (r) => ({ ...r, model: (await this.get(r.id))?.model ?? null })));
    return serializeBundle(runs.map(({ hasModel: _h, ...r }) => r), device);
  }

  /**
   * Import a bundle text, or one result record (the CLI's `--out`; core/runs/runsFile.ts): checked whole first
   * (BundleError, nothing stored); a run whose id is already stored is added under a new id (`<id>-import`,
   * `<id>-import-2`…), never replacing a stored run. With `skipStored` such a run is left out instead (adding the
   * reference runs twice adds nothing). Returns the ids stored, how many were left out, and what the file was (a
   * record's run has no weights).
   */
  async importBundle(text: string, opts: { skipStored?: boolean } = {}): Promise<{ ids: string[]; skipped: number; kind: 'bundle' | 'record' }> {
    const { runs, kind } = parseRunsFile(text);
    const db = await this.open();
    const taken = new Set(await db.getAllKeys('runs'));
    const ids: string[] = [];
    let skipped = 0;
    for (const r of runs) {
      if (opts.skipStored && taken.has(r.id)) {
        skipped++;
        continue;
      }
      let id = r.id;
      for (let n = 1; taken.has(id); n++) id = `${r.id}-import${n > 1 ? `-${n}` : ''}`;
      taken.add(id);
      await this.put(db, { ...r, id });
      ids.push(id);
    }
    return { ids, skipped, kind };
  }
}
