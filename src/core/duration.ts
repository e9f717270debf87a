/** Milliseconds → "42 s", "3 min 5 s", "1 h 2 min" ('–' when not a finite, non-negative number). */
export function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/**
 * The time left as every progress line says it: "about 3 min 5 s left" (an estimate at the pace so far), or, where
 * the work still to do is only known as a most (a search that may stop well before its worst case), "up to about
 * 3 min 5 s left".
 */
export function timeLeft(ms: number, atMost = false): string {
  return `${atMost ? 'up to about' : 'about'} ${duration(ms)} left`;
}
