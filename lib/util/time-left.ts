export interface ProgressMark {
  loaded: number;
  /** Milliseconds, any clock. */
  at: number;
}

/** Seconds left at the rate seen since `start`, or null until a step has been done. */
export function secondsLeft(start: ProgressMark, now: ProgressMark, total: number): number | null {
  const done = now.loaded - start.loaded;
  if (done <= 0 || now.at <= start.at) return null;
  return Math.max(0, ((now.at - start.at) / 1000 / done) * (total - now.loaded));
}

/** "about 40 s left", "about 3 min left": a rough estimate reads as one. */
export function describeTimeLeft(seconds: number): string {
  if (seconds < 1) return 'almost done';
  if (seconds < 90) return `about ${Math.max(1, Math.round(seconds / 5) * 5 || 1)} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}
