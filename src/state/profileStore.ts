/**
 * Latency profiles kept in the browser (IndexedDB, main thread): several profiles, one chosen as the "search target"
 * whose predictions the searches use. Import validates the file first and stores nothing on failure, so a bad or
 * foreign file never touches what is stored. Every profile read back is validated again (a damaged record is reported
 * and skipped, not trusted).
 */
import { parseProfileText, serializeProfile, validateProfile, type LatencyProfile } from '../core/latency/profileSchema';

/** Minimal key-value storage the store needs: IndexedDB in the app, a Map in unit tests. */
export interface ProfileBackend {
  getAll(): Promise<unknown[]>;
  put(id: string, value: unknown): Promise<void>;
  delete(id: string): Promise<void>;
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string | null): Promise<void>;
}

/** One line of the profile list (no LUT, no networks). */
export interface ProfileSummary {
  id: string;
  name: string;
  createdAt: string;
  mode: LatencyProfile['settings']['mode'];
  partial: boolean;
  adapter: string;
  isFallbackAdapter: boolean;
  lutEntries: number;
  networks: number;
  heldOutWithin10: number | null;
}

export function summarize(p: LatencyProfile): ProfileSummary {
  const row = p.predictor?.report.rows.find((r) => r.name === 'predictor');
  return {
    id: p.id,
    name: p.name,
    createdAt: p.createdAt,
    mode: p.settings.mode,
    partial: p.partial,
    adapter: [p.device.adapterVendor, p.device.adapterArchitecture].filter(Boolean).join(' ') || p.device.backend,
    isFallbackAdapter: p.device.isFallbackAdapter,
    lutEntries: Object.keys(p.lut).length,
    networks: p.e2e.length,
    heldOutWithin10: row ? row.heldOut.within10 : null,
  };
}

const TARGET = 'searchTarget';

/** A deleted profile as it was stored, and whether it was the search target: what Undo puts back. */
export interface RemovedProfile {
  id: string;
  raw: unknown;
  wasTarget: boolean;
}

export class ProfileStore {
  constructor(private readonly backend: ProfileBackend) {}

  /** Every valid stored profile, newest first, and the records that failed validation. */
  async list(): Promise<{ profiles: LatencyProfile[]; damaged: string[] }> {
    const profiles: LatencyProfile[] = [];
    const damaged: string[] = [];
    for (const raw of await this.backend.getAll()) {
      try {
        profiles.push(validateProfile(raw));
      } catch (e) {
        const id = (raw as { id?: unknown } | null)?.id;
        damaged.push(`${typeof id === 'string' ? id : '(no id)'}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    profiles.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { profiles, damaged };
  }

  /** Store (or replace, same id) a profile after validating it. */
  async save(p: LatencyProfile): Promise<LatencyProfile> {
    const checked = validateProfile(JSON.parse(serializeProfile(p)));
    await this.backend.put(checked.id, JSON.parse(serializeProfile(checked)));
    return checked;
  }

  /**
   * Import a profile file's text. Throws ProfileError (nothing stored) for a bad or foreign file. Never replaces a stored
   * profile: a file whose id is already stored is added as a copy with a new id (`<id>-copy`, `<id>-copy-2`, …), and
   * `copyOf` names the stored id so the message can say so.
   */
  async importText(text: string): Promise<{ profile: LatencyProfile; copyOf: string | null }> {
    const parsed = parseProfileText(text);
    const taken = new Set((await this.backend.getAll()).map((r) => (r as { id?: unknown } | null)?.id).filter((id) => typeof id === 'string'));
    if (!taken.has(parsed.id)) return { profile: await this.save(parsed), copyOf: null };
    let id = `${parsed.id}-copy`;
    for (let n = 2; taken.has(id); n++) id = `${parsed.id}-copy-${n}`;
    return { profile: await this.save({ ...parsed, id }), copyOf: parsed.id };
  }

  /** The file text of a stored profile (versioned JSON). */
  exportText(p: LatencyProfile): string {
    return serializeProfile(p);
  }

  /** Delete a profile (and the search target, when it was this one); what was deleted comes back for `restore`. */
  async remove(id: string): Promise<RemovedProfile | undefined> {
    const raw = (await this.backend.getAll()).find((r) => (r as { id?: unknown } | null)?.id === id);
    const wasTarget = (await this.backend.getMeta(TARGET)) === id;
    await this.backend.delete(id);
    if (wasTarget) await this.backend.setMeta(TARGET, null);
    return raw === undefined ? undefined : { id, raw, wasTarget };
  }

  /**
   * Put back what `remove` deleted (Undo), as it was stored. It becomes the search target again only when it was the
   * target and no other profile has been chosen since.
   */
  async restore(r: RemovedProfile): Promise<void> {
    await this.backend.put(r.id, r.raw);
    if (r.wasTarget && (await this.backend.getMeta(TARGET)) === null) await this.backend.setMeta(TARGET, r.id);
  }

  async targetId(): Promise<string | null> {
    return this.backend.getMeta(TARGET);
  }

  async setTarget(id: string | null): Promise<void> {
    await this.backend.setMeta(TARGET, id);
  }
}

/** A Map-backed ProfileBackend (unit tests; also a fallback where IndexedDB is unavailable, e.g. private modes). */
export function memoryBackend(): ProfileBackend {
  const rows = new Map<string, unknown>();
  const meta = new Map<string, string>();
  return {
    getAll: () => Promise.resolve([...rows.values()].map((v) => structuredClone(v))),
    put: (id, v) => {
      rows.set(id, structuredClone(v));
      return Promise.resolve();
    },
    delete: (id) => {
      rows.delete(id);
      return Promise.resolve();
    },
    getMeta: (k) => Promise.resolve(meta.get(k) ?? null),
    setMeta: (k, v) => {
      if (v === null) meta.delete(k);
      else meta.set(k, v);
      return Promise.resolve();
    },
  };
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/** IndexedDB database `nas-playground-profiles` with stores `profiles` (by id) and `meta`. */
export function indexedDbBackend(dbName = 'nas-playground-profiles'): ProfileBackend {
  let db: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> => {
    db ??= new Promise((resolve, reject) => {
      const req = indexedDB.open(dbName, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore('profiles');
        req.result.createObjectStore('meta');
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('cannot open IndexedDB'));
    });
    return db;
  };
  const tx = async (store: 'profiles' | 'meta', mode: IDBTransactionMode) => (await open()).transaction(store, mode).objectStore(store);
  return {
    getAll: async () => request((await tx('profiles', 'readonly')).getAll()),
    put: async (id, v) => {
      await request((await tx('profiles', 'readwrite')).put(v, id));
    },
    delete: async (id) => {
      await request((await tx('profiles', 'readwrite')).delete(id));
    },
    getMeta: async (k) => {
      const v: unknown = await request((await tx('meta', 'readonly')).get(k));
      return typeof v === 'string' ? v : null;
    },
    setMeta: async (k, v) => {
      const s = await tx('meta', 'readwrite');
      if (v === null) await request(s.delete(k));
      else await request(s.put(v, k));
    },
  };
}
