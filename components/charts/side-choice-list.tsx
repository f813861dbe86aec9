'use client';
import { describeSideChoice, type SideChoice } from '@/lib/decompose/side-choice';

/** Under side auto: which side each matrix was split on, and the evidence (top chained eigenvalue vs its null). */
export function SideChoiceList({ layers }: { layers: { name: string; sideChoice?: SideChoice }[] }) {
  return (
    <details className="text-sm" data-testid="side-choices">
      <summary>Side per matrix (auto: the side whose top chained eigenvalue stands furthest above random subspaces of the same ranks)</summary>
      <ul className="font-mono text-xs">
        {layers.map((l) => l.sideChoice && (
          <li key={l.name} data-testid="side-choice">
            {l.name.replace(/\.weight$/, '')}: {describeSideChoice(l.sideChoice)}
          </li>
        ))}
      </ul>
    </details>
  );
}
