/** The record card's latency line: the prediction with its profile, why a chosen profile gave none, or that none was chosen. */
import type { ResultRecord } from './resultRecord';

export function latencyText(r: Pick<ResultRecord, 'latency' | 'latencyUnpriced'>): string {
  if (r.latency) return `${r.latency.ms.toFixed(3)} ms, ${r.latency.label}`;
  const u = r.latencyUnpriced;
  if (!u) return 'no device profile chosen';
  const n = u.missing.length;
  const which = n ? `: it has no entry for ${n === 20 ? '20 or more' : n} of this network's operations (${u.missing.slice(0, 2).join('; ')}${n > 2 ? '; …' : ''})` : '';
  return `not predicted: profile "${u.profileName}" cannot price this network${which}. A full profile measures more kernel sizes and expansions; or measure the network itself on the Compare screen.`;
}
