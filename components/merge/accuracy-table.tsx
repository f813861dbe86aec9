import type { MethodScore } from '@/lib/demos/merge/merge-runtime';

const pct = (x: number) => `${(100 * x).toFixed(1)}`;

/** Rows: methods; columns: per-task accuracy, then the means. The best merged mean is marked. */
export function AccuracyTable({ rows, taskTitles }: { rows: MethodScore[]; taskTitles: Record<string, string> }) {
  const merged = rows.filter((r) => r.id !== 'base' && r.id !== 'finetune');
  const best = Math.max(...merged.filter((r) => !r.estimate).map((r) => r.meanNormalized));
  const tasks = rows[0]?.tasks.map((t) => t.name) ?? [];
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm tabular-nums" data-testid="accuracy-table">
        <thead>
          <tr className="border-b border-zinc-300 text-left dark:border-zinc-700">
            <th className="py-1 pr-3">Method</th>
            {tasks.map((t) => (
              <th key={t} className="px-2 py-1 text-right font-medium" title={taskTitles[t]}>
                {t}
              </th>
            ))}
            <th className="px-2 py-1 text-right">mean acc.</th>
            <th className="px-2 py-1 text-right">mean norm.</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-method={r.id} className={`border-b border-zinc-100 dark:border-zinc-800 ${r.id === 'base' || r.id === 'finetune' || r.estimate ? 'text-zinc-500 dark:text-zinc-400' : ''}`}>
              <td className="py-1 pr-3" title={r.formula}>
                {r.title}
              </td>
              {r.tasks.map((t) => (
                <td key={t.name} className="px-2 py-1 text-right">
                  {pct(t.accuracy)}
                </td>
              ))}
              <td className="px-2 py-1 text-right">{pct(r.meanAccuracy)}</td>
              {r.estimate ? (
                <td className="px-2 py-1 text-right italic text-zinc-600 dark:text-zinc-400" data-testid={`estimate-${r.id}`} title={`first estimate from ${r.estimate.perTask} images per task, 95% interval; the full table follows`}>
                  ≈{pct(r.meanNormalized)} [{pct(r.estimate.ci95[0])}, {pct(r.estimate.ci95[1])}]
                </td>
              ) : (
                <td className={`px-2 py-1 text-right font-semibold ${merged.includes(r) && r.meanNormalized === best ? 'text-emerald-600' : ''}`} data-testid={`norm-${r.id}`}>
                  {pct(r.meanNormalized)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        Accuracy in % on the shipped test images; normalised accuracy = accuracy / the individual fine-tune&apos;s accuracy on the
        same task. Merged models use each task&apos;s fine-tuned head.
      </p>
    </div>
  );
}
