import type { Generation } from '@/lib/demos/detox/detox-runtime';

/** One card per method: the prompt and its continuation, masked unless the reader chose to reveal. */
export function GenerationCards({
  methods,
  prompt,
  streaming,
  done,
  reveal,
}: {
  methods: { id: string; title: string; formula: string }[];
  prompt: string;
  streaming: Record<string, string>;
  done: Record<string, Generation> | null;
  reveal: boolean;
}) {
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="generations">
      {methods.map((m) => {
        const g = done?.[m.id];
        const text = g ? (reveal ? g.raw : g.masked) : (streaming[m.id] ?? '');
        return (
          <figure key={m.id} className="rounded border border-zinc-200 p-3 dark:border-zinc-800" data-method={m.id}>
            <figcaption className="mb-1 flex items-baseline justify-between">
              <span className="font-semibold">{m.title}</span>
              <span className="text-xs text-zinc-600 dark:text-zinc-400">{m.formula}</span>
            </figcaption>
            <p className="whitespace-pre-wrap font-mono text-sm">
              <span className="text-zinc-500">{prompt} </span>
              <span data-testid={`gen-${m.id}`}>{text}</span>
            </p>
            {g && <p className={`mt-1 text-xs ${g.toxic ? 'text-red-600' : 'text-emerald-600'}`}>{g.toxic ? 'contains a listed word' : 'no listed word'}</p>}
          </figure>
        );
      })}
    </div>
  );
}
