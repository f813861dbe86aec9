'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { decodeState, encodeState } from '@/lib/url-state/codec';

/**
 * A page's whole state in the URL's `s` parameter. A bad or stale link yields the defaults plus a
 * message saying why; nothing from the link runs or renders as markup.
 */
export function useUrlState<S extends z.ZodType>(schema: S, version: number, defaults: z.output<S> | null) {
  const [state, setState] = useState<z.output<S> | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!defaults || state) return;
    const raw = new URLSearchParams(window.location.search).get('s');
    if (!raw) return setState(defaults);
    const decoded = decodeState(schema, version, raw);
    if (decoded.ok) setState(decoded.value);
    else {
      setLinkError(`${decoded.error}. Showing the default settings instead.`);
      setState(defaults);
    }
  }, [defaults, schema, version, state]);

  const update = useCallback(
    (next: z.output<S>) => {
      setState(next);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const url = new URL(window.location.href);
        url.searchParams.set('s', encodeState(version, next));
        window.history.replaceState(window.history.state, '', url);
      }, 150);
    },
    [version],
  );

  return { state, update, linkError, dismissLinkError: () => setLinkError(null) };
}
