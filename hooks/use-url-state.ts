'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { decodeState, encodeState } from '@/lib/url-state/codec';
import { readStateParam, withStateParam } from '@/lib/url-state/location';

/**
 * A page's whole state in the URL's fragment (`#s=...`; see lib/url-state/location). A bad or stale link yields the defaults plus a
 * message saying why; nothing from the link runs or renders as markup.
 */
export function useUrlState<S extends z.ZodType>(schema: S, version: number, defaults: z.output<S> | null) {
  const [state, setState] = useState<z.output<S> | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!defaults || state) return;
    const raw = readStateParam(new URL(window.location.href));
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
        const url = withStateParam(new URL(window.location.href), encodeState(version, next));
        window.history.replaceState(window.history.state, '', url);
      }, 150);
    },
    [version],
  );

  return { state, update, linkError, dismissLinkError: () => setLinkError(null) };
}
