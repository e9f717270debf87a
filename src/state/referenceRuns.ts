/**
 * The reference runs shipped with the app (`reference-runs.json.gz`, relative to the page; built from the committed
 * result records by `scripts/reference-runs.ts`): the runs the README's figures come from, as one saved-runs bundle
 * without weights, so that Compare can put a user's own runs beside them. Fetching and decoding only; storing them is
 * savedRuns.ts's `addReferenceRuns`.
 */
import { isGzip, maybeGunzip } from '../data/gzip';

/** Path of the shipped bundle, relative to the page. */
export const REFERENCE_RUNS_PATH = 'reference-runs.json.gz';

/** Largest decompressed bundle accepted (the shipped one is well under 1 MB). */
const MAX_REFERENCE_BYTES = 32 << 20;

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The bundle's text, fetched relative to `base`; throws with a message that names the file. Only the bytes decide
 * whether to decompress: a host that already decoded the .gz serves plain JSON, which reads as such.
 */
export async function fetchReferenceRuns(base: string, fetcher: typeof fetch = fetch): Promise<string> {
  let res: Response;
  try {
    res = await fetcher(new URL(REFERENCE_RUNS_PATH, base).href);
  } catch (e) {
    throw new Error(`${REFERENCE_RUNS_PATH} could not be downloaded (${errText(e)})`, { cause: e });
  }
  if (!res.ok) {
    throw new Error(res.status === 404 ? `no reference runs ship with this build (${REFERENCE_RUNS_PATH} is missing)` : `${REFERENCE_RUNS_PATH} answered ${res.status} ${res.statusText}`);
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  const raw = isGzip(bytes) ? await maybeGunzip(REFERENCE_RUNS_PATH, bytes, MAX_REFERENCE_BYTES) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new Error(`${REFERENCE_RUNS_PATH} is neither gzip nor UTF-8 text`);
  }
}
