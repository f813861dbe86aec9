import type { Metadata } from 'next';
import { PageClient } from '@/components/demo/page-client';

export const metadata: Metadata = { title: 'Detox · Task Vector Lab' };

export default function DetoxPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Negating toxicity, but only what is unique to it</h1>
      <p className="max-w-3xl">
        A tiny character-level language model learned plain English (dictionary definitions and prose, facts about
        countries, a share of comments). One fine-tune taught it to insult people in comments; another, polite comments in
        the same sentence shapes. Subtracting the whole toxic task vector also removes the comment register both share;
        subtracting only its unique part should remove the insults and keep the rest. Whether it does is measured below:
        first whether the miniature can test the claim at all (the base is toxic, the toxic fine-tune more so, the two
        fine-tunes share more than chance), then what each edit keeps of knowledge and fluency where it halves the toxicity.
      </p>
      <PageClient view="detox" />
    </div>
  );
}
