import type { Metadata } from 'next';
import { PageClient } from '@/components/demo/page-client';

export const metadata: Metadata = { title: 'Style · Task Vector Lab' };

export default function StylePage() {
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Mixing styles of a tiny diffusion model</h1>
      <p className="max-w-3xl">
        A tiny flow-matching denoiser learned to draw 200 simple icons at 16×16. Copies of it were fine-tuned on 28 icons each in
        one style: red ink, a blue corner badge, an underline. In the planted family every style was fine-tuned from a common
        &ldquo;house&rdquo; fine-tune that learned a uniform paper tint of the background, and its images carry the tint too: adding two style task vectors applies it twice, while mixing
        only their <strong>unique</strong> parts with the shared part once is the method&apos;s claim. Both grids below sample the same
        icons (none seen by any fine-tune) from the same noise, in this tab.
      </p>
      <PageClient view="style" />
    </div>
  );
}
