'use client';
import type { TensorDiagnostics } from '@/lib/decompose/decompose-weights';
import { describeSideChoice } from '@/lib/decompose/side-choice';

/** Every matrix (or LoRA module) with its task ranks and shared dimension (and, under side auto, its side and why); a name selects it. */
export function LayerTable({ rows, selected, onSelect, unit = 'tensor' }: { rows: TensorDiagnostics[]; selected: string | null; onSelect(name: string): void; unit?: string }) {
  const auto = rows.some((d) => d.sideChoice);
  return (
    <table className="w-full text-sm tabular-nums" data-testid="layer-table">
      <thead>
        <tr className="text-left">
          <th>{unit}</th>
          <th>shape</th>
          <th>ranks</th>
          <th>shared dim</th>
          {auto && <th>side (top eigenvalue vs null)</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.name} className={d.name === selected ? 'bg-blue-50 dark:bg-blue-950' : ''}>
            <td>
              <button className="font-mono underline" onClick={() => onSelect(d.name)}>
                {d.name}
              </button>
            </td>
            <td>[{d.shape.join(', ')}]</td>
            <td>{d.ranks.join(', ')}</td>
            <td data-testid="shared-dim">{d.sharedDim}</td>
            {auto && <td data-testid="side-choice">{d.sideChoice ? describeSideChoice(d.sideChoice) : ''}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
