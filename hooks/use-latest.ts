'use client';
import { useEffect, useRef, useState } from 'react';

/**
 * Runs `run(input)` whenever `key` changes, at most one call in flight; changes that arrive while
 * busy collapse into one follow-up call with the latest input (sliders emit many values).
 */
export function useLatest<I, R>(input: I | null, key: string, run: (input: I) => Promise<R>) {
  const [result, setResult] = useState<R | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const state = useRef({ running: false, pending: null as I | null, run });
  state.current.run = run;

  useEffect(() => {
    if (input === null) return;
    const s = state.current;
    s.pending = input;
    if (s.running) return;
    const loop = async () => {
      s.running = true;
      setBusy(true);
      while (s.pending !== null) {
        const next = s.pending;
        s.pending = null;
        setError(null); // an earlier failure (e.g. a stopped engine) is not this run's
        try {
          setResult(await s.run(next));
        } catch (e) {
          setError((e as Error).message);
        }
      }
      s.running = false;
      setBusy(false);
    };
    void loop();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return { result, error, busy };
}
