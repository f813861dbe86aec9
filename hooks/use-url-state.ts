'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { type LinkRead, readLink, withLink } from '@/lib/url-state/location';

/**
 * A page's whole state in the URL's fragment (`#v=1&key=value&...`, one pair per row of the
 * state's property table; see lib/url-state). A bad or stale link yields the defaults plus a
 * message saying why; nothing from the link runs or renders as markup. Links written before
 * (`#s=…`, `?s=…`) still open and are rewritten in the current form on the next edit; `read`
 * replaces the reader when a page converts links of an older version.
 */
export function useUrlState<S extends z.ZodType>(schema: S, version: number, defaults: z.output<S> | null, read?: (url: URL) => LinkRead<z.output<S>>) {
  const [state, setState] = useState<z.output<S> | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const open = useCallback(() => {
    if (!defaults) return;
    const url = new URL(window.location.href);
    const got = read ? read(url) : readLink(url, schema as z.ZodType<z.output<S>>, version, defaults);
    setLinkError(got.kind === 'error' ? `${got.error}. Showing the default settings instead.` : null);
    setState(got.kind === 'ok' ? got.value : defaults);
  }, [defaults, schema, version, read]);

  useEffect(() => {
    if (!state) open();
  }, [open, state]);

  // A preset link on the same page changes only the fragment: open it like a new link.
  useEffect(() => {
    window.addEventListener('hashchange', open);
    return () => window.removeEventListener('hashchange', open);
  }, [open]);

  const update = useCallback(
    (next: z.output<S>) => {
      setState(next);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        window.history.replaceState(window.history.state, '', withLink(new URL(window.location.href), schema, version, next));
      }, 150);
    },
    [schema, version],
  );

  return { state, update, linkError, dismissLinkError: () => setLinkError(null) };
}
