'use client';

/** A task-by-task matrix as a table of shaded cells (value 0..1; |cos| for signed values). */
export function SimilarityMatrix({ title, values, labels, chance, testId }: { title: string; values: number[][]; labels: string[]; chance?: number[][]; testId: string }) {
  return (
    <figure className="space-y-1" data-testid={testId}>
      <figcaption className="text-sm font-semibold">{title}</figcaption>
      <table className="text-xs tabular-nums">
        <thead>
          <tr>
            <th />
            {labels.map((l, j) => (
              <th key={j} className="px-1 font-normal" title={l}>
                {j + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {values.map((row, i) => (
            <tr key={i}>
              <th className="pr-1 text-right font-normal" title={labels[i]}>
                {i + 1}
              </th>
              {row.map((v, j) => (
                <td
                  key={j}
                  className="h-8 w-12 text-center"
                  style={{ background: `rgba(37, 99, 235, ${Math.min(1, Math.abs(v)).toFixed(2)})`, color: Math.abs(v) > 0.5 ? 'white' : undefined }}
                  title={chance ? `chance level ${chance[i][j].toFixed(3)}` : undefined}
                >
                  {v.toFixed(2)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
