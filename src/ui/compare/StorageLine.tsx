/**
 * How much of this browser's storage the kept runs take (navigator.storage.estimate: the site's usage and quota), read
 * again whenever the list changes, so that a user sees the cost of keeping every run before the quota is reached.
 */
import { useEffect, useState } from 'react';

function mb(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

export function StorageLine({ runs }: { runs: number }) {
  const [est, setEst] = useState<{ usage: number; quota: number } | null>(null);
  useEffect(() => {
    let alive = true;
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    storage
      ?.estimate?.()
      .then((e) => alive && setEst(typeof e.usage === 'number' && typeof e.quota === 'number' ? { usage: e.usage, quota: e.quota } : null))
      .catch(() => alive && setEst(null));
    return () => {
      alive = false;
    };
  }, [runs]);
  if (!est) return null;
  const share = est.quota > 0 ? est.usage / est.quota : 0;
  return (
    <p className={share > 0.8 ? 'error-text small' : 'muted small'} data-testid="storage-line">
      {runs} run{runs === 1 ? '' : 's'} kept; this site uses {mb(est.usage)} of the {mb(est.quota)} the browser allows it
      {share > 0.8 ? ': nearly full. Export runs you want to keep, then delete them here.' : '.'}
    </p>
  );
}
