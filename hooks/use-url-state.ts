'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { type LinkRead, readLink, withLink } from '@/lib/url-state/location';

/** The link write waiting out its debounce, if any: Copy link runs it first, so a copy carries the state on screen. */
let pendingWrite: (() => void) | null = null;
export function flushPendingLink(): void {
  pendingWrite?.();
}

/**
 * A page's whole state in the URL's fragment (`#v=1&key=value&...`, one pair per row of the
 * state's property table; see lib/url-state). A bad or stale link yields the defaults plus a
 * message saying why; nothing from the link runs or renders as markup. Links written before
 * (`#s=…`, `?s=…`) still open and are rewritten in the current form on the next edit; `read`
 * replaces the reader when a page converts links of an older version.
 */
export function useUrlState<S extends z.ZodType>(
  schema: S,
  version: number,
  defaults: z.output<S> | null,
  options: { staticDefaults?: z.output<S>; read?: (url: URL) => LinkRead<z.output<S>> } = {},
) {
  const { staticDefaults, read } = options;
  const [state, setState] = useState<z.output<S> | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** A message already shown (or dismissed) is not raised again when the same link is opened once models are in. */
  const told = useRef<string | null>(null);

  const tell = useCallback((message: string | null) => {
    if (message !== null && message === told.current) return;
    told.current = message;
    setLinkError(message);
  }, []);

  // Pages whose defaults wait for their models read the link at once against the static defaults, so
  // a bad link says why before the models have loaded.
  useEffect(() => {
    if (defaults || !staticDefaults) return;
    const early = readLink(new URL(window.location.href), schema as z.ZodType<z.output<S>>, version, staticDefaults);
    if (early.kind === 'error') tell(`${early.error}. Showing the default settings instead.`);
  }, [defaults, staticDefaults, schema, version, tell]);

  const open = useCallback(() => {
    if (!defaults) return;
    const url = new URL(window.location.href);
    const got = read ? read(url) : readLink(url, schema as z.ZodType<z.output<S>>, version, defaults);
    tell(got.kind === 'error' ? `${got.error}. Showing the default settings instead.` : null);
    setState(got.kind === 'ok' ? got.value : defaults);
  }, [defaults, schema, version, read, tell]);

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
      // Debounced: browsers throttle history writes, and a slider emits many values.
      const write = () => {
        if (timer.current) clearTimeout(timer.current);
        timer.current = null;
        pendingWrite = null;
        window.history.replaceState(window.history.state, '', withLink(new URL(window.location.href), schema, version, next));
      };
      pendingWrite = write;
      timer.current = setTimeout(write, 150);
    },
    [schema, version],
  );

  return { state, update, linkError, dismissLinkError: () => setLinkError(null) };
}
