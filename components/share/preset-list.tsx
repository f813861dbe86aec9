import type { z } from 'zod';
import { withLink } from '@/lib/url-state/location';

/** Curated links: each opens the page in a given state (an ordinary shareable link). */
export function PresetList<S>({ presets, defaults, schema, version, path }: { presets: { title: string; says: string; state: (d: S) => S }[]; defaults: S; schema: z.ZodType<S>; version: number; path: string }) {
  const href = (s: S) => {
    const url = withLink(new URL(path, 'http://link.invalid'), schema, version, s);
    return `${url.pathname}${url.hash}`;
  };
  return (
    <details className="rounded border border-zinc-200 p-3 dark:border-zinc-800" data-tour="presets">
      <summary className="cursor-pointer font-semibold">Presets</summary>
      <ul className="mt-2 space-y-2">
        {presets.map((p) => (
          <li key={p.title}>
            <a href={href(p.state(defaults))} className="font-medium text-blue-700 underline dark:text-blue-400">
              {p.title}
            </a>
            <span className="text-sm text-zinc-700 dark:text-zinc-300"> — {p.says}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
